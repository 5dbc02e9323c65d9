from .gaussian_latent_sampler import GaussianLatentSampler
from .slerp_trajectory_sampler import SlerpTrajectorySampler

__all__ = ['GaussianLatentSampler', 'SlerpTrajectorySampler']
