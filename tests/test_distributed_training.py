"""Two-process CPU (gloo) training through MMEngine's distributed wrappers,
with the demo's monitor hooks: the ranks see different clips and noise,
one step equals the single-process step on the averaged gradients, and
after the steps both ranks hold the same generator and discriminator."""
import os
import os.path as osp
import subprocess
import sys
import textwrap

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT
from vosgan_mm.registry import MODELS

RANK_SCRIPT = textwrap.dedent('''
    import sys
    import torch
    from mmengine.config import Config
    from vosgan_mm.registry import RUNNERS
    from mmengine.dist import get_rank
    from vosgan_mm.engine import init_cpu_distributed
    from vosgan_mm.models.gans.video_gan import VideoGAN
    work_dir, out = sys.argv[1], sys.argv[2]
    # the first step's batch, noise seeds and weights before and after
    train_step, calls = VideoGAN.train_step, []
    def recorded_train_step(self, data, optim_wrapper):
        calls.append(1)
        state = {k: v.clone() for k, v in self.state_dict().items()}
        if len(calls) == 1:
            iters = self.noise_seeds.iters_done(self.train_iters)
            seeds = [self.noise_seeds.train_seed(iters, i) for i in range(2)]
            # the inputs only: the data samples (clip ids) are no weights
            torch.save(dict(data=dict(inputs=data['inputs']), seeds=seeds,
                            before=state),
                       f'{out}/step1_rank{get_rank()}.pth')
        elif len(calls) == 2:
            torch.save(state, f'{out}/after1_rank{get_rank()}.pth')
        return train_step(self, data, optim_wrapper)
    VideoGAN.train_step = recorded_train_step
    cfg = Config.fromfile('configs/vosgan/vosgan_900i_sprites.py')
    cfg.merge_from_dict({
        'work_dir': work_dir, 'launcher': 'pytorch',
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2,
        'train_dataloader.batch_size': 2,
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
        'train_dataloader.dataset.num_clips': 8,
        'train_cfg.max_iters': 2,
        'default_hooks.checkpoint.interval': 2,
    })
    init_cpu_distributed(cfg)
    runner = RUNNERS.build(cfg)
    runner.train()
    model = runner.model.module
    torch.save(model.state_dict(), f'{out}/rank{runner.rank}.pth')
''')


@pytest.fixture(scope='module')
def two_rank_run(tmp_path_factory):
    """Two ranks train 2 iterations; the folder of what they saved."""
    tmp_path = tmp_path_factory.mktemp('ddp')
    script = tmp_path / 'train_rank.py'
    script.write_text(RANK_SCRIPT)
    env = dict(os.environ, PYTHONPATH=REPO_ROOT, OMP_NUM_THREADS='1')
    result = subprocess.run([
        sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
        '--master_port=29571',
        str(script),
        str(tmp_path / 'work'),
        str(tmp_path)
    ],
                            cwd=REPO_ROOT,
                            env=env,
                            capture_output=True,
                            text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path


def test_two_cpu_ranks_stay_in_sync(two_rank_run):
    tmp_path = two_rank_run
    # the demo's monitors ran on the main process without desynchronising
    for name in ('gradient_norms.json', 'generator_statistics.json',
                 'segmentation_curve.json'):
        assert (tmp_path / 'work' / name).is_file(), name
    rank0 = torch.load(tmp_path / 'rank0.pth')
    rank1 = torch.load(tmp_path / 'rank1.pth')
    assert int(rank0['train_iters']) == int(rank1['train_iters']) == 2
    # the keys are those of a model that was never wrapped
    assert not any('.module.' in key for key in rank0)
    for key, value in rank0.items():
        if key.startswith(('generator.', 'discriminator.')) and \
                value.is_floating_point() and 'running_' not in key:
            assert torch.allclose(value, rank1[key], atol=1e-6), key


def test_a_distributed_checkpoint_loads_into_one_process(two_rank_run):
    tmp_path = two_rank_run
    from vosgan_mm.apis import load_gan
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    cfg.merge_from_dict({
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2
    })
    model = load_gan(cfg, str(tmp_path / 'work' / 'iter_2.pth'))  # strict
    saved = torch.load(tmp_path / 'rank0.pth')
    for key, value in model.state_dict().items():
        assert torch.equal(value, saved[key]), key


def tiny_model():
    init_default_scope('vosgan_mm')
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    cfg.merge_from_dict({
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2
    })
    return MODELS.build(cfg.model)


def averaged_adam_step(network, losses_per_rank):
    """One Adam step of the demo's optimizer on the mean of the ranks'
    gradients: what a 2-process step computes."""
    params = [p for p in network.parameters() if p.requires_grad]
    total = [torch.zeros_like(p) for p in params]
    for loss in losses_per_rank:
        grads = torch.autograd.grad(loss(), params, allow_unused=True)
        for t, g in zip(total, grads):
            if g is not None:
                t += g / len(losses_per_rank)
    optimizer = torch.optim.Adam(params, lr=2e-4, betas=(0.5, 0.999))
    for p, g in zip(params, total):
        p.grad = g
    optimizer.step()


def test_one_distributed_step_is_the_averaged_single_process_step(
        two_rank_run):
    tmp_path = two_rank_run
    steps = [torch.load(tmp_path / f'step1_rank{r}.pth') for r in (0, 1)]
    # the ranks drew different clips and different noise
    videos = [s['data']['inputs']['video'] for s in steps]
    assert videos[0].shape == videos[1].shape
    assert not torch.equal(videos[0], videos[1])
    assert set(steps[0]['seeds']).isdisjoint(steps[1]['seeds'])
    model = tiny_model()
    model.load_state_dict(steps[0]['before'])
    inputs = [model.data_preprocessor(s['data'], True)['inputs']
              for s in steps]
    size = videos[0].shape[0]

    def d_loss(rank):
        latents = model.sample_latents(size, steps[rank]['seeds'][0])
        with torch.no_grad():
            fake = model.generator(**latents)
        return lambda: model.parse_losses(
            model.discriminator_loss(inputs[rank], fake))[0]

    def g_loss(rank):
        latents = model.sample_latents(size, steps[rank]['seeds'][1])
        return lambda: model.parse_losses(
            model.generator_loss(model.generator(**latents)))[0]

    averaged_adam_step(model.discriminator, [d_loss(0), d_loss(1)])
    model.discriminator.requires_grad_(False)
    averaged_adam_step(model.generator, [g_loss(0), g_loss(1)])
    after = torch.load(tmp_path / 'after1_rank0.pth')
    moved = differ = total = 0
    for key, value in model.state_dict().items():
        if key.startswith(('generator.', 'discriminator.')) and \
                value.is_floating_point() and 'running_' not in key:
            moved += int((after[key] != steps[0]['before'][key]).sum())
            differ += int(((value - after[key]).abs() > 1e-6).sum())
            total += value.numel()
    assert moved > total / 2  # the step moved most weights
    # Adam's first step moves each weight by about lr * sign(gradient): a
    # gradient within rounding of 0 may flip (1 weight in 10^5 here); the
    # step of one rank's gradient alone differs in 29 %
    assert differ < total * 1e-4, (differ, total)
