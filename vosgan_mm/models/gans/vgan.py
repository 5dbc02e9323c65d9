from typing import Dict

import torch

from vosgan_mm.models.losses.gan_losses import adversarial_loss
from vosgan_mm.registry import MODELS
from .video_gan import VideoGAN


@MODELS.register_module()
class VGAN(VideoGAN):
    """VGAN (Vondrick et al. 2016): one latent space, a two-stream
    generator, a real/fake 3D-conv discriminator and the standard GAN
    losses, plus VGAN's sparsity prior ``lambda * |m|_1`` on the mask.

    Args:
        generator (dict): Config of the generator (``VGANGenerator``).
        discriminator (dict): Config of the discriminator.
        latent_sampler (dict): Defaults to ``GaussianLatentSampler``.
        mask_l1_weight (float): ``lambda``; VGAN used 0.1.
        **kwargs: See :class:`VideoGAN`.
    """

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict = dict(type='GaussianLatentSampler'),
                 mask_l1_weight: float = 0.1,
                 **kwargs):
        super().__init__(generator, discriminator, latent_sampler, **kwargs)
        self.mask_l1_weight = mask_l1_weight

    def discriminator_loss(self, inputs: dict,
                           fake: Dict[str, torch.Tensor]) -> dict:
        real_logits = self.discriminator(inputs['video'])['logits']
        fake_logits = self.discriminator(fake['video'].detach())['logits']
        return dict(
            loss_d_real=adversarial_loss(real_logits, True),
            loss_d_fake=adversarial_loss(fake_logits, False))

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        logits = self.discriminator(fake['video'])['logits']
        losses = dict(loss_g=adversarial_loss(logits, True))
        if self.mask_l1_weight > 0:
            losses['loss_g_mask_l1'] = self.mask_l1_weight * fake['mask'].abs(
            ).mean()
        return losses
