from typing import Dict, Optional

import torch

from vosgan_mm.registry import MODELS
from .host_to_device import host_to_device


@MODELS.register_module()
class GaussianLatentSampler:
    """One standard Gaussian latent vector per video (VGAN's and TGAN's
    single latent space).

    Args:
        latent_dim (int): Size of the vector. Defaults to 100.
        key (str): Name of the generator's argument. Defaults to ``'z'``.
    """

    def __init__(self, latent_dim: int = 100, key: str = 'z'):
        self.latent_dim = latent_dim
        self.key = key

    def sample(self,
               batch_size: int,
               generator: Optional[torch.Generator] = None,
               device=None) -> Dict[str, torch.Tensor]:
        z = torch.randn((batch_size, self.latent_dim), generator=generator)
        return {self.key: host_to_device(z, device)}
