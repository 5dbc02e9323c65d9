from typing import Dict, Optional

import torch
from torch.profiler import record_function

from vosgan_mm.models.losses.gan_losses import (adversarial_loss, flow_loss,
                                                segmentation_loss)
from vosgan_mm.registry import MODELS
from .video_gan import VideoGAN

DEFAULT_LOSS_WEIGHTS = dict(adv=1.0, seg=1.0, flow_fake=1.0, flow_real=1.0)


@MODELS.register_module()
class VOSGAN(VideoGAN):
    """VOS-GAN: a two-latent-space video GAN whose discriminator also
    predicts foreground masks and optical flow (paper Sec. 3.3, Eq. 2/3).

    Loss weights (``loss_weights``):
        ``adv``: the adversarial terms of Eq. 2 and Eq. 3;
        ``seg``: D's mask prediction on fake videos against G's mask;
        ``flow_fake`` / ``flow_real``: D's flow prediction against
        ``OF()`` of fake / real videos.
    A term of weight 0 is not computed (the paper's ablations). G's mask and
    the flow of G's video are targets without gradient.

    Args:
        generator (dict): Config of the generator.
        discriminator (dict): Config of the discriminator.
        latent_sampler (dict): Defaults to ``SlerpTrajectorySampler``.
        flow_target (dict): Config of ``OF()``, used for fake videos and for
            real batches that come without precomputed flow: a callable from
            (N, 3, T, H, W) videos to (N, 2, T-1, H, W) targets in [0, 1],
            with ``normalize`` (pixels to [0, 1]) and optionally ``submit``
            (see :meth:`FarnebackFlow.submit`).
        loss_weights (dict, optional): Overrides of the default weights (1).
        **kwargs: See :class:`VideoGAN` (steps, EMA, noise seed...).
    """

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict = dict(type='SlerpTrajectorySampler'),
                 flow_target: dict = dict(type='FarnebackFlow'),
                 loss_weights: Optional[dict] = None,
                 **kwargs):
        super().__init__(generator, discriminator, latent_sampler, **kwargs)
        self.flow_target = MODELS.build(flow_target)
        unknown = set(loss_weights or {}) - set(DEFAULT_LOSS_WEIGHTS)
        if unknown:
            raise KeyError(f'unknown loss_weights keys {sorted(unknown)}; '
                           f'known: {sorted(DEFAULT_LOSS_WEIGHTS)}')
        self.loss_weights = {**DEFAULT_LOSS_WEIGHTS, **(loss_weights or {})}
        if self.loss_weights['adv'] <= 0:
            raise ValueError('loss_weights.adv must be positive: it weights '
                             'the adversarial terms of both Eq. 2 and Eq. 3, '
                             'without which G learns nothing')

    def discriminator_loss(self, inputs: dict,
                           fake: Dict[str, torch.Tensor]) -> dict:
        """The weighted terms of Eq. 2 (only those of non-zero weight).

        ``inputs['flow']``, if the data provides it, is the real clips'
        flow in pixels (N, 2, T-1, H, W); otherwise ``OF()`` computes it.
        """
        w = self.loss_weights
        real = inputs['video']
        fake_video = fake['video'].detach()
        # flow targets are started first: with the video on a GPU, the OpenCV
        # flow's CPU threads work while D runs there
        submit = getattr(self.flow_target, 'submit',
                         None) or (lambda video:
                                   (lambda flow=self.flow_target(video): flow))
        with record_function('vosgan.flow_target'):
            fake_flow = real_flow = None
            if w['flow_fake'] > 0:
                fake_flow = submit(fake_video)
            if w['flow_real'] > 0:
                real_flow = inputs.get('flow')
                if real_flow is None:
                    real_flow = submit(real)
                else:
                    real_flow = self.flow_target.normalize(real_flow)
        out_fake = self.discriminator(
            fake_video, with_dense=w['seg'] > 0 or w['flow_fake'] > 0)
        out_real = self.discriminator(real, with_dense=w['flow_real'] > 0)
        losses = dict(
            loss_d_real=w['adv'] * adversarial_loss(out_real['logits'], True),
            loss_d_fake=w['adv'] * adversarial_loss(out_fake['logits'], False))
        if w['seg'] > 0:
            losses['loss_d_seg'] = w['seg'] * segmentation_loss(
                out_fake['seg_logits'], fake['mask'])
        with record_function('vosgan.flow_target'):  # waits for the targets
            if callable(fake_flow):
                fake_flow = fake_flow()
            if callable(real_flow):
                real_flow = real_flow()
        if w['flow_fake'] > 0:
            losses['loss_d_flow_fake'] = w['flow_fake'] * flow_loss(
                out_fake['flow'], fake_flow)
        if w['flow_real'] > 0:
            losses['loss_d_flow_real'] = w['flow_real'] * flow_loss(
                out_real['flow'], real_flow)
        return losses

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        """Eq. 3: ``-log D_adv(G(z))``."""
        logits = self.discriminator(fake['video'], with_dense=False)['logits']
        return dict(loss_g=self.loss_weights['adv'] *
                    adversarial_loss(logits, True))

    def foreground_maps(self, fake: Dict[str, torch.Tensor]):
        """FCD's boxes come from the discriminator's segmentation of the
        generated video (the paper's choice)."""
        return self.discriminator(fake['video'])['seg'][:, 0]
