from typing import Dict, Optional

import torch
from mmengine.model import BaseModel
from mmengine.optim import OptimWrapperDict
from torch.profiler import record_function

from vosgan_mm.models.latents.noise_seeds import NoiseSeeds
from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_to_uint8
from .finite_updates import FiniteUpdates
from .wrapper_prefix import add_wrapper_prefix, drop_wrapper_prefix


class VideoGAN(BaseModel):
    """What every video GAN of the toolbox shares: the networks, seeded
    latent noise, the alternating training step and sampling (an average of
    the weights is MMEngine's ``EMAHook``, which swaps it in for validation,
    testing and sampling). A subclass defines its losses:
    :meth:`discriminator_loss` and :meth:`generator_loss`.

    One training iteration runs ``discriminator_steps`` D updates, then
    ``generator_steps`` G updates. In the D step G runs without gradient, so
    its outputs (videos, masks) are targets; in the G step D's parameters
    are frozen. As usual in GAN training both networks stay in train mode,
    so the batch-norm running statistics of the network not being updated
    still follow the batches it sees.

    With ``reuse_fakes`` (one D and one G step per iteration) G runs once,
    with gradient: D is updated on the detached fakes, then G on the same
    fakes judged by the updated D, as DCGAN's and VGAN's code do. That
    saves one generator forward pass per iteration (about 5 % of the step
    at the sprite recipe's size on CPU) and draws one noise batch instead
    of two. G's graph is kept through D's update (more memory).

    Latent noise is seeded by ``noise_seed``, the rank and the iterations
    done (``train_iters``, saved in checkpoints), so a resumed run draws the
    noise of one never stopped (:class:`NoiseSeeds`); an update is applied
    only where its losses and gradients are finite (:class:`FiniteUpdates`).

    Loading a checkpoint through the tools is strict, on resume and
    ``load_from`` as well: a checkpoint of another model, version or width
    is an error listing the missing, unexpected and mis-shaped keys
    (:class:`~vosgan_mm.engine.VOSGANRunner`, :func:`load_gan`).

    Args:
        generator (dict): Config of the generator.
        discriminator (dict): Config of the discriminator.
        latent_sampler (dict): Config of the latent sampler; its ``sample``
            returns the generator's keyword arguments.
        discriminator_steps (int): D updates per iteration. Defaults to 1.
        generator_steps (int): G updates per iteration. Defaults to 1.
        reuse_fakes (bool): One generator forward pass per iteration (see
            above). Defaults to False (fresh noise for each update).
        noise_seed (int): Seed of the latent noise. Defaults to 0.
        on_nonfinite (str): When a loss term or a gradient is NaN or
            infinite, that update is not applied and ``'raise'`` (default)
            stops the run with an error naming it, ``'skip'`` logs it and
            goes on (``finite_updates.skips`` counts them).
        compile_cfg (dict, optional): ``torch.compile`` arguments (``{}``,
            ``dict(mode='reduce-overhead')``...) with which G's and D's
            forward passes are compiled in place (checkpoints keep their
            keys). Defaults to None (not compiled).
        data_preprocessor (dict, optional): ``VideoGANDataPreprocessor``.
    """

    # the networks with an optimizer each (``optim_wrapper.<name>``)
    optimized_networks = ('generator', 'discriminator')

    def __init__(self,
                 generator: dict,
                 discriminator: dict,
                 latent_sampler: dict,
                 discriminator_steps: int = 1,
                 generator_steps: int = 1,
                 reuse_fakes: bool = False,
                 noise_seed: int = 0,
                 on_nonfinite: str = 'raise',
                 compile_cfg: Optional[dict] = None,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor'),
                 init_cfg: Optional[dict] = None):
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.generator = MODELS.build(generator)
        self.discriminator = MODELS.build(discriminator)
        self.latent_sampler = MODELS.build(latent_sampler)
        if discriminator_steps < 1 or generator_steps < 1:
            raise ValueError('discriminator_steps and generator_steps must '
                             'be at least 1')
        if reuse_fakes and (discriminator_steps, generator_steps) != (1, 1):
            raise ValueError(
                'reuse_fakes needs one D and one G step per iteration, got '
                f'discriminator_steps={discriminator_steps}, '
                f'generator_steps={generator_steps}')
        self.discriminator_steps = discriminator_steps
        self.generator_steps = generator_steps
        self.reuse_fakes = reuse_fakes
        self.noise_seeds = NoiseSeeds(noise_seed)
        self.finite_updates = FiniteUpdates(on_nonfinite)
        if compile_cfg is not None:  # in place: the state dict keeps its keys
            self.generator.compile(**compile_cfg)
            self.discriminator.compile(**compile_cfg)
        # iterations done; saved with the weights so noise resumes exactly
        self.register_buffer('train_iters', torch.zeros((), dtype=torch.long))
        # checkpoints name G and D the same whether or not distributed
        # training wrapped them (MMSeparateDistributedDataParallel)
        self._register_state_dict_hook(drop_wrapper_prefix)
        self._register_load_state_dict_pre_hook(
            add_wrapper_prefix, with_module=True)
        self.register_load_state_dict_post_hook(_read_iters_again)

    # ----------------------------------------------------------- losses
    def discriminator_loss(self, inputs: dict,
                           fake: Dict[str, torch.Tensor]) -> dict:
        """Loss terms of D (names start with ``loss_``) from the real batch
        ``inputs`` (``video`` (N, 3, T, H, W) in [-1, 1], ...) and the
        generator's outputs ``fake`` (computed without gradient)."""
        raise NotImplementedError

    def generator_loss(self, fake: Dict[str, torch.Tensor]) -> dict:
        """Loss terms of G from its outputs (with gradient)."""
        raise NotImplementedError

    def after_discriminator_update(self) -> None:
        """Called after each D update (e.g. to constrain D's weights)."""

    # ----------------------------------------------------------- sampling
    def sample_latents(self, num_videos: int,
                       seed: int) -> Dict[str, torch.Tensor]:
        """Latent codes of ``num_videos`` videos from a seeded source."""
        rng = torch.Generator().manual_seed(seed)
        return self.latent_sampler.sample(
            num_videos, generator=rng, device=self.train_iters.device)

    @torch.no_grad()
    def generate(self, **latents) -> Dict[str, torch.Tensor]:
        """Generator outputs in eval mode."""
        net = self.generator
        was_training = net.training
        net.eval()
        try:
            return net(**latents)
        finally:
            net.train(was_training)

    # ----------------------------------------------------------- training
    def train_step(self, data: dict,
                   optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        inputs = self.data_preprocessor(data, True)['inputs']
        batch_size = inputs['video'].shape[0]
        d_wrapper = optim_wrapper['discriminator']
        g_wrapper = optim_wrapper['generator']
        iters = self.noise_seeds.iters_done(self.train_iters)
        updates = self.finite_updates
        updates.begin(iteration=iters + 1)

        def noise(purpose: int) -> Dict[str, torch.Tensor]:
            seed = self.noise_seeds.train_seed(iters, purpose)
            return self.sample_latents(batch_size, seed)

        shared_fake = None
        if self.reuse_fakes:  # G's graph kept for its own update below
            with g_wrapper.optim_context(self.generator), \
                    record_function('vosgan.g_forward'):
                shared_fake = self.generator(**noise(0))
        for i in range(self.discriminator_steps):
            with d_wrapper.optim_context(self.discriminator):
                if shared_fake is None:
                    latents = noise(i)
                    with torch.no_grad(), record_function('vosgan.g_forward'):
                        fake = self.generator(**latents)
                else:
                    fake = {k: v.detach() for k, v in shared_fake.items()}
                with record_function('vosgan.d_step'):
                    losses = self.discriminator_loss(inputs, fake)
            with record_function('vosgan.d_step'):
                loss, d_vars = self.parse_losses(losses)
                updates.update(d_wrapper, self.discriminator, loss, losses)
                self.after_discriminator_update()
        d_vars['loss_d'] = d_vars.pop('loss')

        self.discriminator.requires_grad_(False)
        try:
            for i in range(self.generator_steps):
                with record_function('vosgan.g_step'):
                    with g_wrapper.optim_context(self.generator):
                        fake = shared_fake
                        if fake is None:
                            fake = self.generator(
                                **noise(self.discriminator_steps + i))
                        losses = self.generator_loss(fake)
                    loss, g_vars = self.parse_losses(losses)
                    updates.update(g_wrapper, self.generator, loss, losses)
        finally:
            self.discriminator.requires_grad_(True)
        g_vars.pop('loss')
        updates.end()
        self.noise_seeds.advance(self.train_iters)
        return {**d_vars, **g_vars}

    # ----------------------------------------------------------- evaluation
    def foreground_maps(self, fake: Dict[str, torch.Tensor]):
        """(N, T, H, W) foreground probabilities of generated videos, for
        FCD's boxes: the generator's mask where it has one, else None."""
        mask = fake.get('mask')
        return None if mask is None else mask[:, 0]

    @torch.no_grad()
    def predict_videos(self, inputs: dict, data_samples: list) -> list:
        """One generated video per real clip of the batch, from latents
        seeded by ``noise_seed`` and the clip's ``sample_idx`` (each data
        sample's meta-information)."""
        indices = [int(sample.sample_idx) for sample in data_samples]
        latents = [
            self.sample_latents(1, self.noise_seeds.sample_seed(i))
            for i in indices
        ]
        latents = {k: torch.cat([z[k] for z in latents]) for k in latents[0]}
        fake = self.generate(**latents)
        fg_maps = self.foreground_maps(fake)
        fake_u8 = video_to_uint8(fake['video']).cpu()
        real_u8 = video_to_uint8(inputs['video']).cpu()
        return [
            dict(
                sample_idx=idx,
                fake_video=fake_u8[i],
                real_video=real_u8[i],
                fg_map=None if fg_maps is None else fg_maps[i].float().cpu())
            for i, idx in enumerate(indices)
        ]

    def forward(self, inputs: dict, data_samples=None, mode: str = 'tensor'):
        """``mode='tensor'``: the discriminator's outputs on
        ``inputs['video']`` (N, 3, T, H, W) in [-1, 1]; ``mode='predict'``:
        generated videos for the generation metrics
        (:meth:`predict_videos`). Training goes through :meth:`train_step`.
        """
        if mode == 'tensor':
            return self.discriminator(inputs['video'])
        if mode == 'predict':
            return self.predict_videos(inputs, data_samples)
        raise ValueError(
            f'{type(self).__name__}.forward supports mode "tensor" or '
            f'"predict", got "{mode}"; training uses train_step')


def _read_iters_again(module, incompatible_keys) -> None:
    """Loading may give ``train_iters`` another count: read it again."""
    module.noise_seeds.forget()
