from typing import Dict, Optional

import numpy as np
import torch
from torch.profiler import record_function
from mmengine.dist import get_rank
from mmengine.model import (BaseModel, ExponentialMovingAverage,
                            is_model_wrapper)
from mmengine.optim import OptimWrapperDict

from vosgan_mm.models.losses.gan_losses import (adversarial_loss, flow_loss,
                                                segmentation_loss)
from vosgan_mm.registry import MODELS

DEFAULT_LOSS_WEIGHTS = dict(adv=1.0, seg=1.0, flow_fake=1.0, flow_real=1.0)


@MODELS.register_module()
class VOSGAN(BaseModel):
    """VOS-GAN: a two-latent-space video GAN whose discriminator also
    predicts foreground masks and optical flow (paper Sec. 3.3).

    One training iteration runs ``discriminator_steps`` D updates (Eq. 2)
    then ``generator_steps`` G updates (Eq. 3). In the D step the fake
    videos, G's masks and the flow of the fake videos are targets: G runs
    without gradient. In the G step D's parameters are frozen. As usual in
    GAN training both networks stay in train mode throughout, so the batch
    norm running statistics of the network not being updated still follow
    the batches it sees.

    Loss weights (``loss_weights``):
        ``adv``: the adversarial terms of Eq. 2 and Eq. 3;
        ``seg``: D's mask prediction on fake videos against G's mask;
        ``flow_fake`` / ``flow_real``: D's flow prediction against
        ``OF()`` of fake / real videos.
    A term of weight 0 is not computed (the paper's ablations).

    Latent noise is drawn from a random source seeded by ``noise_seed``, the
    process rank and the number of iterations done (a buffer saved in the
    checkpoint), so a resumed run draws the same noise as one never stopped.

    Args:
        generator (dict): Config of the generator.
        discriminator (dict): Config of the discriminator.
        latent_sampler (dict): Config of the latent sampler.
        flow_target (dict): Config of ``OF()``, used for fake videos and for
            real batches that come without precomputed flow.
        loss_weights (dict, optional): Overrides of the default weights (1).
        discriminator_steps (int): D updates per iteration. Defaults to 1.
        generator_steps (int): G updates per iteration. Defaults to 1.
        ema_cfg (dict, optional): Keep an exponential moving average of G,
            e.g. ``dict(momentum=0.001)`` (MMEngine's convention:
            ``ema = (1 - momentum) * ema + momentum * G``).
        noise_seed (int): Seed of the latent noise. Defaults to 0.
        data_preprocessor (dict, optional): Defaults to
            ``VideoGANDataPreprocessor``.
    """

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict = dict(type='SlerpTrajectorySampler'),
                 flow_target: dict = dict(type='FarnebackFlow'),
                 loss_weights: Optional[dict] = None,
                 discriminator_steps: int = 1,
                 generator_steps: int = 1,
                 ema_cfg: Optional[dict] = None,
                 noise_seed: int = 0,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor'),
                 init_cfg: Optional[dict] = None):
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.generator = MODELS.build(generator)
        self.discriminator = MODELS.build(discriminator)
        self.latent_sampler = MODELS.build(latent_sampler)
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
        if discriminator_steps < 1 or generator_steps < 1:
            raise ValueError('discriminator_steps and generator_steps must '
                             'be at least 1')
        self.discriminator_steps = discriminator_steps
        self.generator_steps = generator_steps
        self.noise_seed = noise_seed
        self.generator_ema = None
        if ema_cfg is not None:
            self.generator_ema = ExponentialMovingAverage(
                self.generator, update_buffers=True, **ema_cfg)
        # iterations done; saved with the weights so noise resumes exactly
        self.register_buffer('train_iters', torch.zeros((), dtype=torch.long))

    # ----------------------------------------------------------- sampling
    def sample_latents(self, num_videos: int,
                       seed: int) -> Dict[str, torch.Tensor]:
        """Latent codes of ``num_videos`` videos from a seeded source."""
        rng = torch.Generator().manual_seed(seed)
        return self.latent_sampler.sample(
            num_videos, generator=rng, device=self.train_iters.device)

    def _train_noise_seed(self, purpose: int) -> int:
        seq = np.random.SeedSequence(
            [self.noise_seed, get_rank(), int(self.train_iters), purpose])
        return int(seq.generate_state(1)[0])

    @torch.no_grad()
    def generate(self,
                 z_scene: torch.Tensor,
                 z_motion: torch.Tensor,
                 use_ema: bool = True) -> Dict[str, torch.Tensor]:
        """Generator outputs in eval mode (the EMA generator if kept)."""
        net = self.generator
        if use_ema and self.generator_ema is not None:
            net = self.generator_ema.module
        was_training = net.training
        net.eval()
        try:
            return net(z_scene, z_motion)
        finally:
            net.train(was_training)

    # ----------------------------------------------------------- training
    def discriminator_loss(self, real: torch.Tensor,
                           real_flow: Optional[torch.Tensor],
                           fake: Dict[str, torch.Tensor]) -> dict:
        """The weighted terms of Eq. 2 (only those of non-zero weight)."""
        w = self.loss_weights
        fake_video = fake['video'].detach()
        out_fake = self.discriminator(
            fake_video, with_dense=w['seg'] > 0 or w['flow_fake'] > 0)
        out_real = self.discriminator(real, with_dense=w['flow_real'] > 0)
        losses = dict(
            loss_d_real=w['adv'] * adversarial_loss(out_real['logits'], True),
            loss_d_fake=w['adv'] * adversarial_loss(out_fake['logits'], False))
        if w['seg'] > 0:
            losses['loss_d_seg'] = w['seg'] * segmentation_loss(
                out_fake['seg_logits'], fake['mask'])
        if w['flow_fake'] > 0:
            with record_function('vosgan.flow_target'):
                fake_flow = self.flow_target(fake_video)
            losses['loss_d_flow_fake'] = w['flow_fake'] * flow_loss(
                out_fake['flow'], fake_flow)
        if w['flow_real'] > 0:
            if real_flow is None:
                with record_function('vosgan.flow_target'):
                    real_flow = self.flow_target(real)
            losses['loss_d_flow_real'] = w['flow_real'] * flow_loss(
                out_real['flow'], real_flow)
        return losses

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        """Eq. 3: ``-log D_adv(G(z))``."""
        logits = self.discriminator(fake['video'], with_dense=False)['logits']
        return dict(
            loss_g=self.loss_weights['adv'] * adversarial_loss(logits, True))

    def train_step(self, data: dict,
                   optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        data = self.data_preprocessor(data, True)
        real = data['inputs']['video']
        real_flow = data['inputs'].get('flow')  # pixels, from the data
        if real_flow is not None:
            real_flow = self.flow_target.normalize(real_flow)
        batch_size = real.shape[0]
        d_wrapper = optim_wrapper['discriminator']
        g_wrapper = optim_wrapper['generator']
        log_vars = {}

        for i in range(self.discriminator_steps):
            with d_wrapper.optim_context(self.discriminator):
                latents = self.sample_latents(batch_size,
                                              self._train_noise_seed(i))
                with torch.no_grad(), record_function('vosgan.g_forward'):
                    fake = self.generator(**latents)
                with record_function('vosgan.d_step'):
                    losses = self.discriminator_loss(real, real_flow, fake)
            with record_function('vosgan.d_step'):
                loss, d_vars = self.parse_losses(losses)
                d_wrapper.update_params(loss)
        d_vars['loss_d'] = d_vars.pop('loss')
        log_vars.update(d_vars)

        self.discriminator.requires_grad_(False)
        try:
            for i in range(self.generator_steps):
                with record_function('vosgan.g_step'):
                    with g_wrapper.optim_context(self.generator):
                        latents = self.sample_latents(
                            batch_size,
                            self._train_noise_seed(self.discriminator_steps +
                                                   i))
                        losses = self.generator_loss(
                            self.generator(**latents))
                    loss, g_vars = self.parse_losses(losses)
                    g_wrapper.update_params(loss)
        finally:
            self.discriminator.requires_grad_(True)
        g_vars.pop('loss')
        log_vars.update(g_vars)

        if self.generator_ema is not None:
            generator = self.generator
            if is_model_wrapper(generator):  # distributed training
                generator = generator.module
            self.generator_ema.update_parameters(generator)
        self.train_iters += 1
        return log_vars

    def forward(self, inputs: dict, data_samples=None, mode: str = 'tensor'):
        """``mode='tensor'``: the discriminator's outputs on
        ``inputs['video']`` (N, 3, T, H, W) in [-1, 1]. Training goes through
        :meth:`train_step`."""
        if mode != 'tensor':
            raise ValueError(
                f'VOSGAN.forward supports mode="tensor" only, got "{mode}"; '
                'training uses train_step')
        return self.discriminator(inputs['video'])
