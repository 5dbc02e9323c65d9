from .gaussian_latent_sampler import GaussianLatentSampler
from .noise_seeds import NoiseSeeds
from .slerp_trajectory_sampler import SlerpTrajectorySampler

__all__ = ['GaussianLatentSampler', 'NoiseSeeds', 'SlerpTrajectorySampler']
