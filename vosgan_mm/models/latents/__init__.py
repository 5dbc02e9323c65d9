from .slerp_trajectory_sampler import SlerpTrajectorySampler

__all__ = ['SlerpTrajectorySampler']
