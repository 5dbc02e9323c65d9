import logging
from contextlib import nullcontext
from typing import Dict, Optional

import numpy as np
import torch
from mmengine.dist import all_reduce, get_rank, is_distributed
from mmengine.logging import print_log
from mmengine.model import (BaseModel, ExponentialMovingAverage,
                            is_model_wrapper)
from mmengine.optim import AmpOptimWrapper, OptimWrapperDict
from torch.profiler import record_function

from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_to_uint8
from .finite_checks import (all_finite, gradient_norms, nonfinite_names,
                            skips_on_device)


class VideoGAN(BaseModel):
    """What every video GAN of the toolbox shares: the networks, seeded
    latent noise, the alternating training step, an optional EMA generator
    and sampling. A subclass defines its losses:
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

    Latent noise is drawn from a random source seeded by ``noise_seed``, the
    process rank and the number of iterations done (the ``train_iters``
    buffer, saved in checkpoints), so a resumed run draws the same noise as
    one never stopped.

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
        reuse_fakes (bool): One generator forward pass per iteration, its
            videos used by the D update (detached) and then by the G
            update. Needs one step of each. Defaults to False (fresh noise
            for each update).
        ema_cfg (dict, optional): Keep an exponential moving average of G,
            e.g. ``dict(momentum=0.001)`` (MMEngine's convention:
            ``ema = (1 - momentum) * ema + momentum * G``).
        noise_seed (int): Seed of the latent noise. Defaults to 0.
        on_nonfinite (str): When a loss term or a gradient is NaN or
            infinite: ``'raise'`` (default) stops the run with an error
            naming the term (or the parameter) and the iteration, without
            applying that update and before the iteration ends, so the last
            checkpoint stays the last good one; ``'skip'`` skips that update
            and logs it (``nonfinite_skips`` counts them). With a fused
            optimizer the check stays on the device (the optimizer skips
            the step itself) and is read once at the end of the iteration;
            otherwise it is read before each update.
        compile_cfg (dict, optional): Compile the generator's and the
            discriminator's forward passes with ``torch.compile`` and these
            arguments (``{}``, or e.g. ``dict(mode='reduce-overhead')``
            for CUDA graphs), in place: checkpoints keep their keys. The
            first steps are slow while it compiles. Defaults to None (not
            compiled).
        data_preprocessor (dict, optional): Defaults to
            ``VideoGANDataPreprocessor``.
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
                 ema_cfg: Optional[dict] = None,
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
        self.noise_seed = noise_seed
        if on_nonfinite not in ('raise', 'skip'):
            raise ValueError('on_nonfinite must be "raise" or "skip", got '
                             f'"{on_nonfinite}"')
        self.on_nonfinite = on_nonfinite
        self.nonfinite_skips = 0
        self.generator_ema = None
        if ema_cfg is not None:
            self.generator_ema = ExponentialMovingAverage(
                self.generator, update_buffers=True, **ema_cfg)
        if compile_cfg is not None:  # in place: the state dict keeps its keys
            self.generator.compile(**compile_cfg)
            self.discriminator.compile(**compile_cfg)
        # iterations done; saved with the weights so noise resumes exactly
        self.register_buffer('train_iters', torch.zeros((), dtype=torch.long))
        # train_iters as a Python int, so that seeding the noise does not
        # wait for the device: (tensor, version) it was read from, value
        self._iters_read = (None, None, 0)
        # device-side flags of updates not yet read (see _update)
        self._unread_checks = []
        # checkpoints name G and D the same whether or not distributed
        # training wrapped them (MMSeparateDistributedDataParallel)
        self._register_state_dict_hook(_drop_wrapper_prefix)
        self._register_load_state_dict_pre_hook(
            _add_wrapper_prefix, with_module=True)
        self.register_load_state_dict_post_hook(_forget_iters_read)

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

    def _iters_done(self) -> int:
        """``train_iters`` as an int, read from the buffer again only after
        something else changed or replaced it (loading, moving)."""
        buffer = self.train_iters
        key = (id(buffer), buffer._version)
        if self._iters_read[:2] != key:
            self._iters_read = (*key, int(buffer))
        return self._iters_read[2]

    def _train_noise_seed(self, purpose: int) -> int:
        seq = np.random.SeedSequence(
            [self.noise_seed,
             get_rank(),
             self._iters_done(), purpose])
        return int(seq.generate_state(1)[0])

    @torch.no_grad()
    def generate(self,
                 use_ema: bool = True,
                 **latents) -> Dict[str, torch.Tensor]:
        """Generator outputs in eval mode (the EMA generator if kept)."""
        net = self.generator
        if use_ema and self.generator_ema is not None:
            net = self.generator_ema.module
        was_training = net.training
        net.eval()
        try:
            return net(**latents)
        finally:
            net.train(was_training)

    # ----------------------------------------------------------- training
    def _update(self, wrapper, network: torch.nn.Module, loss: torch.Tensor,
                terms: dict) -> None:
        """``wrapper.update_params(loss)`` unless a loss term or a gradient
        of ``network`` is not finite. Under AMP's loss scaling an infinite
        gradient is the scaler's business (it skips that step and lowers
        the scale), so only the loss terms are checked there.

        With a fused optimizer the check stays on the device: the optimizer
        skips a bad step itself (``found_inf``) and :meth:`train_step`
        reads the flags of all its updates at once at its end. Otherwise
        the flag is read here, one host synchronisation per update."""
        ok = all_finite(terms.values())
        wrapper.backward(wrapper.scale_loss(loss))
        names, norms = [], None
        if not isinstance(wrapper, AmpOptimWrapper):
            names, norms = gradient_norms(network)
            ok = ok & torch.isfinite(norms).all()
        bad = (~ok).float()
        if is_distributed():  # every rank skips or updates together
            all_reduce(bad, op='max')
        check = (bad, {k: v.detach() for k, v in terms.items()}, names, norms)
        if skips_on_device(wrapper):
            wrapper.optimizer.found_inf = bad
            try:
                wrapper.step()
            finally:
                del wrapper.optimizer.found_inf
            wrapper.zero_grad()
            self._unread_checks.append(check)
        elif bad.item() == 0:
            if wrapper.should_update():
                wrapper.step()
                wrapper.zero_grad()
        else:
            wrapper.zero_grad()
            self._report_nonfinite(*check[1:])

    def _read_update_checks(self) -> None:
        """Reads the flags of the updates checked on the device in one host
        synchronisation and reports the ones that were skipped."""
        checks, self._unread_checks = self._unread_checks, []
        if not checks:
            return
        flags = torch.stack([c[0] for c in checks])
        if flags.any().item():
            for check, was_bad in zip(checks, flags.tolist()):
                if was_bad:
                    self._report_nonfinite(*check[1:])

    def _report_nonfinite(self, terms: dict, names: list, norms) -> None:
        """Raises or counts a skipped update, naming what was not finite."""
        bad = nonfinite_names(terms, names, norms)[:1] or [
            'a loss term or gradient on another rank'
        ]
        where = f'{", ".join(bad)} not finite at iteration ' \
            f'{self._iters_done() + 1}'
        if self.on_nonfinite == 'raise':
            raise FloatingPointError(
                f'{where}; the run stops without applying that update (the '
                'last checkpoint is the last good one). Resume from it with '
                'a lower learning rate, or set on_nonfinite="skip"')
        self.nonfinite_skips += 1
        print_log(
            f'{where}: update skipped ({self.nonfinite_skips} so far)',
            logger='current',
            level=logging.WARNING)

    def train_step(self, data: dict,
                   optim_wrapper: OptimWrapperDict) -> Dict[str, torch.Tensor]:
        data = self.data_preprocessor(data, True)
        inputs = data['inputs']
        batch_size = inputs['video'].shape[0]
        d_wrapper = optim_wrapper['discriminator']
        g_wrapper = optim_wrapper['generator']
        log_vars = {}
        self._unread_checks = []

        shared_fake = None
        if self.reuse_fakes:  # G's graph kept for its own update below
            with g_wrapper.optim_context(self.generator), \
                    record_function('vosgan.g_forward'):
                shared_fake = self.generator(**self.sample_latents(
                    batch_size, self._train_noise_seed(0)))
        for i in range(self.discriminator_steps):
            with d_wrapper.optim_context(self.discriminator):
                if shared_fake is None:
                    latents = self.sample_latents(batch_size,
                                                  self._train_noise_seed(i))
                    with torch.no_grad(), record_function('vosgan.g_forward'):
                        fake = self.generator(**latents)
                else:
                    fake = {k: v.detach() for k, v in shared_fake.items()}
                with record_function('vosgan.d_step'):
                    losses = self.discriminator_loss(inputs, fake)
            with record_function('vosgan.d_step'):
                loss, d_vars = self.parse_losses(losses)
                self._update(d_wrapper, self.discriminator, loss, losses)
                self.after_discriminator_update()
        d_vars['loss_d'] = d_vars.pop('loss')
        log_vars.update(d_vars)

        self.discriminator.requires_grad_(False)
        try:
            for i in range(self.generator_steps):
                with record_function('vosgan.g_step'):
                    with g_wrapper.optim_context(self.generator):
                        fake = shared_fake
                        if fake is None:
                            fake = self.generator(**self.sample_latents(
                                batch_size,
                                self._train_noise_seed(
                                    self.discriminator_steps + i)))
                        losses = self.generator_loss(fake)
                    loss, g_vars = self.parse_losses(losses)
                    self._update(g_wrapper, self.generator, loss, losses)
        finally:
            self.discriminator.requires_grad_(True)
        g_vars.pop('loss')
        log_vars.update(g_vars)
        self._read_update_checks()

        if self.generator_ema is not None:
            generator = self.generator
            if is_model_wrapper(generator):  # distributed training
                generator = generator.module
            self.generator_ema.update_parameters(generator)
        iters = self._iters_done() + 1
        self.train_iters += 1
        self._iters_read = (id(self.train_iters), self.train_iters._version,
                            iters)
        return log_vars

    def discriminator_gradient_norms(self,
                                     data: dict,
                                     module: str = 'encoder',
                                     seed: int = 0) -> Dict[str, float]:
        """The L2 norm of the gradient that each of D's loss terms (as
        weighted in the loss) sends into ``discriminator.<module>``'s
        parameters, on the real batch ``data`` and fakes from noise
        ``seed``. Nothing is updated: gradients are taken with
        ``torch.autograd.grad`` and the batch-norm running statistics of G
        and D are restored afterwards, so training goes on as if this had
        not run.

        Returns:
            dict: ``{loss name: gradient norm}``.
        """
        generator = self._unwrap(self.generator)
        discriminator = self._unwrap(self.discriminator)
        try:
            target = discriminator.get_submodule(module)
        except AttributeError:
            raise AttributeError(
                f'{type(discriminator).__name__} has no sub-module '
                f'"{module}"') from None
        params = [p for p in target.parameters() if p.requires_grad]
        buffers = [(b, b.detach().clone())
                   for net in (generator, discriminator)
                   for b in net.buffers()]
        # under distributed training only the main process runs this: keep
        # D's wrapper from expecting a backward pass to synchronise
        no_sync = getattr(self.discriminator, 'no_sync', nullcontext)
        try:
            data = self.data_preprocessor(data, True)
            inputs = data['inputs']
            latents = self.sample_latents(inputs['video'].shape[0], seed)
            with torch.no_grad():
                fake = generator(**latents)
            with no_sync():
                losses = self.discriminator_loss(inputs, fake)
            norms = {}
            for name, value in losses.items():
                grads = torch.autograd.grad(
                    value, params, retain_graph=True, allow_unused=True)
                norms[name] = float(
                    torch.sqrt(
                        sum(g.float().pow(2).sum() for g in grads
                            if g is not None)))
            return norms
        finally:
            with torch.no_grad():
                for buffer, saved in buffers:
                    buffer.copy_(saved)

    @staticmethod
    def _unwrap(network: torch.nn.Module) -> torch.nn.Module:
        return network.module if is_model_wrapper(network) else network

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
            self.sample_latents(
                1,
                int(
                    np.random.SeedSequence([self.noise_seed, 7,
                                            i]).generate_state(1)[0]))
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


def _forget_iters_read(module, incompatible_keys) -> None:
    """Loading may give ``train_iters`` another count (even as a new tensor
    at version 0, with ``assign=True``): read it again."""
    module._iters_read = (None, None, 0)


def _drop_wrapper_prefix(module, state_dict, prefix, local_metadata):
    """Saved keys ``generator.module.x`` of a wrapped child become
    ``generator.x``."""
    for name, child in module._modules.items():
        if is_model_wrapper(child):
            wrapped = f'{prefix}{name}.module.'
            for key in [k for k in state_dict if k.startswith(wrapped)]:
                state_dict[f'{prefix}{name}.{key[len(wrapped):]}'] = \
                    state_dict.pop(key)
    return state_dict


def _add_wrapper_prefix(module, state_dict, prefix, *args):
    """Keys ``generator.x`` load into a wrapped child as
    ``generator.module.x``."""
    for name, child in module._modules.items():
        if is_model_wrapper(child):
            plain = f'{prefix}{name}.'
            wrapped = f'{plain}module.'
            for key in [
                    k for k in state_dict
                    if k.startswith(plain) and not k.startswith(wrapped)
            ]:
                state_dict[wrapped + key[len(plain):]] = state_dict.pop(key)
