import copy

import cv2
import numpy as np
import pytest
import torch
from mmengine.optim import OptimWrapper, OptimWrapperDict

from vosgan_mm.datasets import render_sprite_clip
from vosgan_mm.registry import MODELS
from vosgan_mm.utils import host_reads


def tiny_vosgan(**kwargs):
    cfg = dict(
        type='VOSGAN',
        generator=dict(type='VOSGANGenerator', base_channels=2),
        discriminator=dict(type='VOSGANDiscriminator', base_channels=2),
        **kwargs)
    model = MODELS.build(cfg)
    model.init_weights()
    return model


def batch(n=2, with_flow=True):
    video = torch.randint(0, 256, (n, 3, 32, 64, 64), dtype=torch.uint8)
    inputs = dict(video=video)
    if with_flow:
        inputs['flow'] = torch.zeros(n, 2, 31, 64, 64, dtype=torch.float16)
    return dict(inputs=inputs, data_samples=[])


def params(module):
    return [p.detach().clone() for p in module.parameters()]


def same(a, b):
    return all(torch.equal(x, y) for x, y in zip(a, b))


class RecordingOptimWrapper(OptimWrapper):
    """Records the weights of another network around each update."""

    def __init__(self, watched, **kwargs):
        super().__init__(**kwargs)
        self.watched = watched
        self.records = []

    def backward(self, loss, **kwargs):
        self.before = params(self.watched)
        super().backward(loss, **kwargs)

    def step(self, **kwargs):
        super().step(**kwargs)
        self.records.append((self.before, params(self.watched)))


def wrappers(model, fused=False):

    def adam(net):
        return torch.optim.Adam(net.parameters(), lr=1e-2, fused=fused)

    return OptimWrapperDict(
        generator=RecordingOptimWrapper(
            model.discriminator, optimizer=adam(model.generator)),
        discriminator=RecordingOptimWrapper(
            model.generator, optimizer=adam(model.discriminator)))


def test_d_step_leaves_g_unchanged_and_g_step_leaves_d_unchanged():
    model = tiny_vosgan()
    optim = wrappers(model)
    g_before, d_before = params(model.generator), params(model.discriminator)
    model.train_step(batch(), optim)
    (g_around_d_step, ) = optim['discriminator'].records
    (d_around_g_step, ) = optim['generator'].records
    assert same(*g_around_d_step)
    assert same(*d_around_g_step)
    # and each step did change its own network
    assert not same(d_before, params(model.discriminator))
    assert not same(g_before, params(model.generator))


@pytest.mark.parametrize('reuse_fakes', [False, True])
def test_d_step_sends_no_gradient_into_g(reuse_fakes):
    model = tiny_vosgan(reuse_fakes=reuse_fakes)
    grads = {}

    class Probe(OptimWrapper):

        def step(self, **kwargs):
            grads['g'] = [p.grad for p in model.generator.parameters()]
            super().step(**kwargs)

    optim = OptimWrapperDict(
        generator=OptimWrapper(
            torch.optim.SGD(model.generator.parameters(), lr=0.0)),
        discriminator=Probe(
            torch.optim.SGD(model.discriminator.parameters(), lr=0.0)))
    model.train_step(batch(), optim)
    assert all(g is None for g in grads['g'])


def test_every_loss_term_is_logged_separately():
    model = tiny_vosgan()
    log = model.train_step(batch(), wrappers(model))
    assert set(log) == {
        'loss_d_real', 'loss_d_fake', 'loss_d_seg', 'loss_d_flow_fake',
        'loss_d_flow_real', 'loss_d', 'loss_g'
    }
    parts = sum(log[k] for k in log if k.startswith('loss_d_'))
    assert log['loss_d'].item() == pytest.approx(parts.item(), rel=1e-5)


def test_terms_of_zero_weight_are_not_computed():
    model = tiny_vosgan(loss_weights=dict(flow_fake=0, flow_real=0, seg=0))
    model.flow_target = None  # would fail if called
    log = model.train_step(batch(with_flow=False), wrappers(model))
    assert set(log) == {'loss_d_real', 'loss_d_fake', 'loss_d', 'loss_g'}


def test_loss_weights_scale_their_terms():
    fake = dict(
        video=torch.rand(2, 3, 32, 64, 64) * 2 - 1,
        mask=torch.rand(2, 1, 32, 64, 64))
    real = torch.rand(2, 3, 32, 64, 64) * 2 - 1
    real_flow = torch.rand(2, 2, 31, 64, 64) * 4 - 2  # pixels
    inputs = dict(video=real, flow=real_flow)
    model = tiny_vosgan().eval()
    base = model.discriminator_loss(inputs, fake)
    model.loss_weights = dict(adv=2.0, seg=3.0, flow_fake=4.0, flow_real=5.0)
    scaled = model.discriminator_loss(inputs, fake)
    factors = dict(
        loss_d_real=2,
        loss_d_fake=2,
        loss_d_seg=3,
        loss_d_flow_fake=4,
        loss_d_flow_real=5)
    for key, factor in factors.items():
        assert scaled[key].item() == pytest.approx(
            factor * base[key].item(), rel=1e-5)


def farneback_in_pixels(video):
    """(N, 3, T, H, W) uint8 RGB -> (N, 2, T-1, H, W) Farneback flow with
    OpenCV's own call (the parameters of ``FarnebackFlow``)."""
    clips = []
    for clip in video.permute(0, 2, 3, 4, 1).numpy():
        grey = [cv2.cvtColor(f, cv2.COLOR_RGB2GRAY) for f in clip]
        clips.append(
            np.stack([
                cv2.calcOpticalFlowFarneback(grey[t], grey[t + 1], None, 0.5,
                                             3, 15, 3, 5, 1.2, 0)
                for t in range(len(grey) - 1)
            ]))
    return torch.from_numpy(np.stack(clips)).permute(0, 4, 1, 2, 3)


def test_real_flow_is_computed_when_the_data_has_none():
    """Without ``inputs['flow']``, D's real-flow target is Farneback's flow
    of the batch itself: the same loss as with that flow given."""
    model = tiny_vosgan(
        flow_target=dict(type='FarnebackFlow', max_displacement=2.0))
    video = torch.from_numpy(
        np.stack([render_sprite_clip(seed)['imgs']
                  for seed in (1, 2)])).permute(0, 4, 1, 2, 3)
    flow = farneback_in_pixels(video)
    assert flow.abs().amax() > 0.5  # the sprites move
    with torch.no_grad():
        fake = model.generator(**model.sample_latents(2, seed=0))
        losses = {}
        for name, inputs in (('computed', dict(video=video)),
                             ('given', dict(video=video, flow=flow))):
            data = model.data_preprocessor(
                dict(inputs=inputs, data_samples=[]), True)
            losses[name] = model.discriminator_loss(data['inputs'], fake)
    assert losses['computed']['loss_d_flow_real'].item() == pytest.approx(
        losses['given']['loss_d_flow_real'].item(), rel=1e-5)
    # and not the loss of a still target
    data = model.data_preprocessor(
        dict(
            inputs=dict(video=video, flow=torch.zeros_like(flow)),
            data_samples=[]), True)
    with torch.no_grad():
        other = model.discriminator_loss(data['inputs'], fake)
    assert other['loss_d_flow_real'].item() != pytest.approx(
        losses['given']['loss_d_flow_real'].item(), rel=0.05)


def test_unknown_loss_weight_is_an_error():
    with pytest.raises(KeyError, match='flow'):
        tiny_vosgan(loss_weights=dict(flow=0.0))
    with pytest.raises(ValueError, match='adv must be positive'):
        tiny_vosgan(loss_weights=dict(adv=0.0))


def next_train_seed(model, purpose=0):
    """The seed of the next training step's draw ``purpose``."""
    iters = model.noise_seeds.iters_done(model.train_iters)
    return model.noise_seeds.train_seed(iters, purpose)


def test_training_noise_depends_only_on_seed_and_iteration():
    a, b = tiny_vosgan(noise_seed=3), tiny_vosgan(noise_seed=3)
    b.load_state_dict(a.state_dict())
    data = batch()
    la = a.train_step(data, wrappers(a))
    lb = b.train_step(data, wrappers(b))
    assert la['loss_g'].item() == lb['loss_g'].item()
    assert int(a.train_iters) == 1
    # another seed, or another iteration, draws other noise
    c = tiny_vosgan(noise_seed=4)
    seeds = {
        'seed 3, iteration 1': next_train_seed(a),
        'seed 4, iteration 0': next_train_seed(c),
    }
    a.train_iters.zero_()
    seeds['seed 3, iteration 0'] = next_train_seed(a)
    assert len(set(seeds.values())) == 3, seeds
    latents = [a.sample_latents(2, s) for s in seeds.values()]
    for key in latents[0]:
        assert not torch.equal(latents[0][key], latents[1][key])
        assert not torch.equal(latents[1][key], latents[2][key])


def test_the_iteration_count_is_read_again_after_loading():
    trained = tiny_vosgan()
    trained.train_step(batch(), wrappers(trained))
    fresh = tiny_vosgan()
    assert fresh.noise_seeds.iters_done(fresh.train_iters) == 0
    fresh.load_state_dict(trained.state_dict(), assign=True)
    assert fresh.noise_seeds.iters_done(fresh.train_iters) == 1
    assert next_train_seed(fresh) == next_train_seed(trained)


def test_generate_uses_fixed_latents_deterministically():
    model = tiny_vosgan()
    z = model.sample_latents(2, seed=5)
    a = model.generate(**z)
    b = model.generate(**copy.deepcopy(z))
    assert torch.equal(a['video'], b['video'])
    assert a['video'].shape == (2, 3, 32, 64, 64)


# fused: the optimizer skips a bad step on the device and the check is read
# once at the end of the iteration; plain: read before each step
@pytest.mark.parametrize('fused', [False, True])
def test_a_nan_loss_stops_the_run_naming_the_term_and_iteration(fused):
    model = tiny_vosgan()
    optim = wrappers(model, fused)
    model.train_step(batch(), optim)
    before = params(model.discriminator)
    data = batch()
    data['inputs']['flow'][0, 0, 0, 0, 0] = float('nan')
    with pytest.raises(
            FloatingPointError,
            match='loss_d_flow_real not finite at iteration 2'):
        model.train_step(data, optim)
    assert same(before, params(model.discriminator))


@pytest.mark.parametrize('fused', [False, True])
def test_a_nan_loss_can_skip_the_update_instead(fused):
    model = tiny_vosgan(on_nonfinite='skip')
    optim = wrappers(model, fused)
    before = params(model.discriminator)
    data = batch()
    data['inputs']['flow'][0, 0, 0, 0, 0] = float('nan')
    model.train_step(data, optim)
    assert same(before, params(model.discriminator))
    assert model.finite_updates.skips == 1
    # the skipped step is not counted: the next one is Adam's first
    state = optim['discriminator'].optimizer.state
    assert all(int(s['step']) == 0 for s in state.values())
    model.train_step(batch(), optim)
    assert not same(before, params(model.discriminator))
    assert all(int(s['step']) == 1 for s in state.values())
    assert model.finite_updates.skips == 1


@pytest.mark.parametrize('fused', [False, True])
def test_a_nan_gradient_with_finite_losses_stops_the_run_naming_it(fused):
    model = tiny_vosgan()
    optim = wrappers(model, fused)
    before = params(model.discriminator)
    weight = next(model.discriminator.parameters())
    weight.register_hook(lambda grad: grad * float('nan'))
    with pytest.raises(
            FloatingPointError,
            match=r'gradient of \S+ not finite at iteration 1'):
        model.train_step(batch(), optim)
    assert same(before, params(model.discriminator))


@pytest.mark.parametrize('fused', [False, True])
def test_host_reads_per_training_step(fused):
    """The flag of each update is read once per update with a plain
    optimizer, once per iteration with a fused one; a plain Adam also reads
    its step counters (CPU tensors: no device synchronisation)."""
    model = tiny_vosgan()
    optim = wrappers(model, fused)
    model.train_step(batch(), optim)
    with torch.profiler.profile() as prof:
        model.train_step(batch(), optim)
    counters = 0 if fused else sum(
        len(optim[net].optimizer.state) for net in optim.keys())
    assert host_reads(prof.events()) == (1 if fused else 2) + counters


class PlainFlowTarget:
    """A flow target with only ``__call__`` and ``normalize``."""

    def __call__(self, video):
        n, _, t, h, w = video.shape
        return torch.full((n, 2, t - 1, h, w), 0.5)

    def normalize(self, flow):
        return flow


def test_a_flow_target_without_submit_is_called_directly():
    model = tiny_vosgan()
    model.flow_target = PlainFlowTarget()
    log = model.train_step(batch(with_flow=False), wrappers(model))
    assert torch.isfinite(log['loss_d_flow_fake'])


def test_mask_priors_are_off_by_default_and_join_g_loss_when_set():
    fake = dict(
        video=torch.rand(2, 3, 32, 64, 64) * 2 - 1,
        mask=torch.full((2, 1, 32, 64, 64), 0.25))
    assert set(tiny_vosgan().generator_loss(fake)) == {'loss_g'}
    model = tiny_vosgan(
        mask_prior_weights=dict(sparsity=2.0, binarization=4.0))
    losses = model.generator_loss(fake)
    assert losses['loss_g_mask_sparsity'].item() == pytest.approx(2 * 0.25)
    assert losses['loss_g_mask_binarization'].item() == pytest.approx(4 * 0.25)
    with pytest.raises(KeyError, match='mask_prior_weights'):
        tiny_vosgan(mask_prior_weights=dict(l1=0.1))


def test_segmentation_target_is_the_soft_or_the_binarised_mask():
    mask = torch.tensor([0.2, 0.6, 0.5, 0.9]).view(1, 1, 1, 2, 2)
    assert torch.equal(tiny_vosgan().segmentation_target(mask), mask)
    model = tiny_vosgan(seg_target_threshold=0.5)
    assert model.segmentation_target(mask).flatten().tolist() == [
        0.0, 1.0, 0.0, 1.0
    ]
    with pytest.raises(ValueError, match='seg_target_threshold'):
        tiny_vosgan(seg_target_threshold=1.5)


def test_flow_loss_normalization_reaches_the_flow_terms():
    fake = dict(
        video=torch.rand(2, 3, 32, 64, 64) * 2 - 1,
        mask=torch.rand(2, 1, 32, 64, 64))
    inputs = dict(
        video=torch.rand(2, 3, 32, 64, 64) * 2 - 1,
        flow=torch.rand(2, 2, 31, 64, 64) - 0.5)
    model = tiny_vosgan().eval()
    plain = model.discriminator_loss(inputs, fake)
    model.flow_loss_normalization = 'variance'
    normalised = model.discriminator_loss(inputs, fake)
    for key in ('loss_d_flow_fake', 'loss_d_flow_real'):
        assert normalised[key].item() > 10 * plain[key].item()
    assert normalised['loss_d_seg'] == plain['loss_d_seg']
    with pytest.raises(ValueError, match='flow_loss_normalization'):
        tiny_vosgan(flow_loss_normalization='l1')


def count_generator_calls(model):
    calls = []
    model.generator.register_forward_hook(
        lambda module, args, kwargs, out: calls.append(kwargs['z_scene'].clone(
        )),
        with_kwargs=True)
    return calls


def test_reuse_fakes_runs_g_once_and_updates_both_networks_on_its_fakes():
    model = tiny_vosgan(reuse_fakes=True)
    calls = count_generator_calls(model)
    optim = wrappers(model)
    g_before, d_before = params(model.generator), params(model.discriminator)
    model.train_step(batch(), optim)
    assert len(calls) == 1
    # each update left the other network alone and changed its own
    assert same(*optim['discriminator'].records[0])
    assert same(*optim['generator'].records[0])
    assert not same(d_before, params(model.discriminator))
    assert not same(g_before, params(model.generator))


def test_without_reuse_fakes_g_runs_twice_on_fresh_noise():
    model = tiny_vosgan()
    calls = count_generator_calls(model)
    model.train_step(batch(), wrappers(model))
    assert len(calls) == 2 and not torch.equal(calls[0], calls[1])


def videos_judged_by_d(model):
    judged = []
    model.discriminator.register_forward_hook(
        lambda module, args, out: judged.append(args[0].detach().clone()))
    model.train_step(batch(), wrappers(model))
    return judged  # D step: fakes, then the real batch; G step: fakes


@pytest.mark.parametrize('reuse_fakes', [True, False])
def test_g_step_shows_d_the_d_steps_fakes_only_with_reuse_fakes(reuse_fakes):
    judged = videos_judged_by_d(tiny_vosgan(reuse_fakes=reuse_fakes))
    assert len(judged) == 3
    assert torch.equal(judged[2], judged[0]) == reuse_fakes


def test_reuse_fakes_needs_one_step_of_each():
    with pytest.raises(ValueError, match='reuse_fakes needs one D and one G'):
        tiny_vosgan(reuse_fakes=True, discriminator_steps=2)
