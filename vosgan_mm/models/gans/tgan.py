from typing import Dict

import torch
import torch.nn as nn

from vosgan_mm.registry import MODELS
from .video_gan import VideoGAN


@torch.no_grad()
def clip_singular_values_(module: nn.Module, bound: float = 1.0) -> None:
    """TGAN's singular value clipping, in place.

    Every convolution and linear weight, seen as a matrix (out, in * k...),
    gets its singular values clipped to ``bound``; every batch norm's scale
    is clipped so that ``|gamma| / sqrt(running_var + eps) <= bound``.
    """
    for m in module.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.Linear)):
            matrix = m.weight.reshape(m.weight.shape[0], -1)
            u, s, vh = torch.linalg.svd(matrix.float(), full_matrices=False)
            if s.max() > bound:
                clipped = u @ torch.diag(s.clamp(max=bound)) @ vh
                m.weight.copy_(clipped.reshape(m.weight.shape))
        elif isinstance(m, nn.modules.batchnorm._BatchNorm) and m.affine:
            limit = bound * torch.sqrt(m.running_var + m.eps)
            m.weight.copy_(m.weight.clamp(-limit, limit))


@MODELS.register_module()
class TGAN(VideoGAN):
    """TGAN (Saito et al. 2017): a temporal and an image generator, a 3D-conv
    critic, the WGAN loss and singular value clipping of the critic. It has
    no foreground mask: FCD uses whole frames.

    Args:
        generator (dict): Config of the generator (``TGANGenerator``).
        discriminator (dict): Config of the critic.
        latent_sampler (dict): Defaults to ``GaussianLatentSampler``.
        clip_bound (float): Largest singular value kept. Defaults to 1.
        clip_interval (int): Clip after every n-th critic update (TGAN: 5).
        **kwargs: See :class:`VideoGAN`.
    """

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict = dict(type='GaussianLatentSampler'),
                 clip_bound: float = 1.0,
                 clip_interval: int = 5,
                 **kwargs):
        super().__init__(generator, discriminator, latent_sampler, **kwargs)
        self.clip_bound = clip_bound
        self.clip_interval = clip_interval
        # saved in checkpoints, so a resumed run clips at the same updates
        self.register_buffer('critic_updates', torch.zeros((),
                                                           dtype=torch.long))

    def discriminator_loss(self, inputs: dict,
                           fake: Dict[str, torch.Tensor]) -> dict:
        real = self.discriminator(inputs['video'])['logits'].float()
        fake = self.discriminator(fake['video'].detach())['logits'].float()
        return dict(loss_d_real=-real.mean(), loss_d_fake=fake.mean())

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        return dict(
            loss_g=-self.discriminator(fake['video'])['logits'].float().mean())

    def after_discriminator_update(self) -> None:
        self.critic_updates += 1
        if int(self.critic_updates) % self.clip_interval == 0:
            clip_singular_values_(self.discriminator, self.clip_bound)
