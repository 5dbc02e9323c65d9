from typing import Dict, Optional

import torch
from torch.profiler import record_function

from vosgan_mm.models.flow.flow_target import completed_future
from vosgan_mm.models.losses.gan_losses import (adversarial_loss, flow_loss,
                                                mask_binarization_loss,
                                                mask_sparsity_loss,
                                                segmentation_loss)
from vosgan_mm.registry import MODELS

from .video_gan import VideoGAN

DEFAULT_LOSS_WEIGHTS = dict(adv=1.0, seg=1.0, flow_fake=1.0, flow_real=1.0)
# priors on G's mask; the paper states none (all 0 reproduces it)
DEFAULT_MASK_PRIOR_WEIGHTS = dict(sparsity=0.0, binarization=0.0)


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

    Mask levers (``mask_prior_weights``, ``seg_target_threshold``), all off
    by default, as the paper states none:
        ``sparsity``: VGAN's ``|m|_1`` prior on G's mask, in G's loss;
        ``binarization``: ``mean(min(m, 1 - m))`` in G's loss, pushing the
        mask towards 0 or 1;
        ``seg_target_threshold``: D's segmentation target is
        ``m > threshold`` instead of the soft mask ``m``.

    Args:
        generator (dict): Config of the generator.
        discriminator (dict): Config of the discriminator.
        latent_sampler (dict): Defaults to ``SlerpTrajectorySampler``.
        flow_target (dict): Config of ``OF()``, used for fake videos and for
            real batches that come without precomputed flow: a callable from
            (N, 3, T, H, W) videos to (N, 2, T-1, H, W) targets in [0, 1],
            with ``normalize`` (pixels to [0, 1]), usually a
            :class:`FlowTarget`, whose ``submit`` returns a future.
        loss_weights (dict, optional): Overrides of the default weights (1).
        mask_prior_weights (dict, optional): Weights of the ``sparsity``
            and ``binarization`` priors on G's mask. Defaults to 0.
        seg_target_threshold (float, optional): Binarise G's mask at this
            value for D's segmentation target. Defaults to None (soft).
        flow_loss_normalization (str): ``'none'`` (the paper's MSE) or
            ``'variance'`` (MSE over the target's variance, see
            :func:`flow_loss`). Defaults to ``'none'``.
        **kwargs: See :class:`VideoGAN` (steps, EMA, noise seed...).
    """

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict = dict(type='SlerpTrajectorySampler'),
                 flow_target: dict = dict(type='FarnebackFlow'),
                 loss_weights: Optional[dict] = None,
                 mask_prior_weights: Optional[dict] = None,
                 seg_target_threshold: Optional[float] = None,
                 flow_loss_normalization: str = 'none',
                 **kwargs):
        super().__init__(generator, discriminator, latent_sampler, **kwargs)
        self.flow_target = MODELS.build(flow_target)
        unknown = set(loss_weights or {}) - set(DEFAULT_LOSS_WEIGHTS)
        if unknown:
            raise KeyError(f'unknown loss_weights keys {sorted(unknown)}; '
                           f'known: {sorted(DEFAULT_LOSS_WEIGHTS)}')
        self.loss_weights = {**DEFAULT_LOSS_WEIGHTS, **(loss_weights or {})}
        unknown = set(mask_prior_weights
                      or {}) - set(DEFAULT_MASK_PRIOR_WEIGHTS)
        if unknown:
            raise KeyError(f'unknown mask_prior_weights keys '
                           f'{sorted(unknown)}; known: '
                           f'{sorted(DEFAULT_MASK_PRIOR_WEIGHTS)}')
        self.mask_prior_weights = {
            **DEFAULT_MASK_PRIOR_WEIGHTS,
            **(mask_prior_weights or {})
        }
        if seg_target_threshold is not None and \
                not 0 < seg_target_threshold < 1:
            raise ValueError('seg_target_threshold must lie in (0, 1), got '
                             f'{seg_target_threshold}')
        self.seg_target_threshold = seg_target_threshold
        if flow_loss_normalization not in ('none', 'variance'):
            raise ValueError('flow_loss_normalization must be "none" or '
                             f'"variance", got "{flow_loss_normalization}"')
        self.flow_loss_normalization = flow_loss_normalization
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
        submit = getattr(
            self.flow_target, 'submit',
            None) or (lambda video: completed_future(self.flow_target(video)))
        with record_function('vosgan.flow_target'):
            fake_flow = real_flow = None
            if w['flow_fake'] > 0:
                fake_flow = submit(fake_video)
            if w['flow_real'] > 0:
                real_flow = inputs.get('flow')
                if real_flow is None:
                    real_flow = submit(real)
                else:
                    real_flow = completed_future(
                        self.flow_target.normalize(real_flow))
        out_fake = self.discriminator(
            fake_video, with_dense=w['seg'] > 0 or w['flow_fake'] > 0)
        out_real = self.discriminator(real, with_dense=w['flow_real'] > 0)
        losses = dict(
            loss_d_real=w['adv'] * adversarial_loss(out_real['logits'], True),
            loss_d_fake=w['adv'] * adversarial_loss(out_fake['logits'], False))
        if w['seg'] > 0:
            losses['loss_d_seg'] = w['seg'] * segmentation_loss(
                out_fake['seg_logits'], self.segmentation_target(fake['mask']))
        with record_function('vosgan.flow_target'):  # waits for the targets
            if fake_flow is not None:
                fake_flow = fake_flow.result()
            if real_flow is not None:
                real_flow = real_flow.result()
        if w['flow_fake'] > 0:
            losses['loss_d_flow_fake'] = w['flow_fake'] * flow_loss(
                out_fake['flow'], fake_flow, self.flow_loss_normalization)
        if w['flow_real'] > 0:
            losses['loss_d_flow_real'] = w['flow_real'] * flow_loss(
                out_real['flow'], real_flow, self.flow_loss_normalization)
        return losses

    def segmentation_target(self, mask: torch.Tensor) -> torch.Tensor:
        """D's segmentation target from G's mask (N, 1, T, H, W): the soft
        mask, or the mask binarised at ``seg_target_threshold``."""
        if self.seg_target_threshold is None:
            return mask
        return (mask > self.seg_target_threshold).to(mask.dtype)

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        """Eq. 3: ``-log D_adv(G(z))``, plus the mask priors of non-zero
        weight."""
        logits = self.discriminator(fake['video'], with_dense=False)['logits']
        losses = dict(loss_g=self.loss_weights['adv'] *
                      adversarial_loss(logits, True))
        prior = self.mask_prior_weights
        if prior['sparsity'] > 0:
            losses['loss_g_mask_sparsity'] = prior[
                'sparsity'] * mask_sparsity_loss(fake['mask'])
        if prior['binarization'] > 0:
            losses['loss_g_mask_binarization'] = prior[
                'binarization'] * mask_binarization_loss(fake['mask'])
        return losses

    def foreground_maps(self, fake: Dict[str, torch.Tensor]):
        """FCD's boxes come from the discriminator's segmentation of the
        generated video (the paper's choice)."""
        return self.discriminator(fake['video'])['seg'][:, 0]
