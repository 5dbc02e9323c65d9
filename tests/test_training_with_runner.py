"""End-to-end training through MMEngine's Runner at tiny size."""
import os.path as osp
import shutil

import cv2
import pytest
import torch
from mmengine.hooks import Hook

from tests.conftest import tiny_demo_config
from vosgan_mm.registry import RUNNERS


class LossRecorder(Hook):

    def __init__(self):
        self.losses = {}

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        self.losses[runner.iter + 1] = {
            k: float(v.detach()) if hasattr(v, 'detach') else float(v)
            for k, v in outputs.items()
        }


def train(cfg):
    runner = RUNNERS.build(cfg)
    recorder = LossRecorder()
    runner.register_hook(recorder)
    runner.train()
    return runner, recorder.losses


def test_two_iterations_leave_checkpoints_samples_and_logged_terms(tmp_path):
    runner, losses = train(tiny_demo_config(tmp_path))
    assert sorted(losses) == [1, 2]
    assert {
        'loss_d_real', 'loss_d_fake', 'loss_d_seg', 'loss_d_flow_fake',
        'loss_d_flow_real', 'loss_d', 'loss_g'
    } <= set(losses[2])
    assert osp.isfile(tmp_path / 'iter_2.pth')
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read() == 'iter_2.pth'  # relative to the work dir
    gif = tmp_path / 'samples' / 'iter_0000002.gif'
    mp4 = tmp_path / 'samples' / 'iter_0000002.mp4'
    assert gif.stat().st_size > 0
    capture = cv2.VideoCapture(str(mp4))
    assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 32


def test_resumed_run_has_the_losses_of_a_run_never_stopped(tmp_path):
    overrides = {'train_cfg.max_iters': 4, 'custom_hooks': []}
    _, unstopped = train(tiny_demo_config(tmp_path / 'a', **overrides))

    resumed_dir = tmp_path / 'b'
    resumed_dir.mkdir()
    shutil.copy(tmp_path / 'a' / 'iter_2.pth', resumed_dir)
    cfg = tiny_demo_config(
        resumed_dir,
        resume=True,
        load_from=str(resumed_dir / 'iter_2.pth'),
        **overrides)
    runner, resumed = train(cfg)
    assert sorted(resumed) == [3, 4]
    for it in (3, 4):
        assert resumed[it] == unstopped[it]
    # generator, discriminator and both optimizers came back
    ckpt = torch.load(tmp_path / 'a' / 'iter_4.pth')
    for key, value in runner.model.state_dict().items():
        assert torch.equal(value, ckpt['state_dict'][key]), key
    assert set(ckpt['optimizer']) == {'generator', 'discriminator'}
    resumed_adam = runner.optim_wrapper['generator'].optimizer.state_dict()
    saved_adam = ckpt['optimizer']['generator']
    for index, state in saved_adam['state'].items():
        assert torch.equal(state['exp_avg'],
                           resumed_adam['state'][index]['exp_avg'])


def test_only_the_newest_checkpoints_are_kept_and_last_points_to_one(tmp_path):
    cfg = tiny_demo_config(
        tmp_path, **{
            'train_cfg.max_iters': 3,
            'custom_hooks': [],
            'default_hooks.checkpoint.max_keep_ckpts': 2
        })
    train(cfg)
    assert sorted(p.name for p in tmp_path.glob('*.pth')) == [
        'iter_2.pth', 'iter_3.pth'
    ]
    with open(tmp_path / 'last_checkpoint') as f:
        assert osp.isfile(tmp_path / f.read())


def test_an_ema_hook_averages_the_gan_and_is_saved(tmp_path):
    # the one path to averaged weights: MMEngine's EMAHook over the model
    cfg = tiny_demo_config(tmp_path)
    cfg.custom_hooks = [dict(type='EMAHook', momentum=0.5)]
    runner, _ = train(cfg)
    checkpoint = torch.load(tmp_path / 'iter_2.pth')
    raw, ema = checkpoint['state_dict'], checkpoint['ema_state_dict']
    key = next(k for k in raw if k.startswith('generator.') and
               raw[k].is_floating_point())
    assert not torch.equal(raw[key], ema[f'module.{key}'])


def test_checkpoints_kept_before_a_resume_are_pruned_after_it(tmp_path):
    overrides = {
        'custom_hooks': [],
        'default_hooks.checkpoint.max_keep_ckpts': 2
    }
    train(
        tiny_demo_config(tmp_path, **{
            'train_cfg.max_iters': 3,
            **overrides
        }))
    cfg = tiny_demo_config(
        tmp_path, resume=True, **{
            'train_cfg.max_iters': 5,
            **overrides
        })
    train(cfg)
    assert sorted(p.name for p in tmp_path.glob('*.pth')) == [
        'iter_4.pth', 'iter_5.pth'
    ]


def test_resource_monitor_records_memory_files_and_flow_cache(tmp_path):
    from vosgan_mm.engine import ResourceMonitorHook
    runner = RUNNERS.build(tiny_demo_config(tmp_path, custom_hooks=[]))
    monitor = ResourceMonitorHook(interval=1)
    runner.register_hook(monitor)
    runner.train()
    assert [r['iter'] for r in monitor.records] == [1, 2]
    first, last = monitor.records
    assert first['rss_mib'] > 10 and first['open_files'] > 0
    # two batches of two clips: four flows of 31x64x64x2 float16 cached
    assert last['flow_cache_mib'] == pytest.approx(4 * 31 * 64 * 64 * 2 * 2 /
                                                   2**20)


class PoisonDiscriminator(Hook):
    """Sets a weight of D to NaN before the given iteration (1-based)."""

    def __init__(self, iteration):
        self.iteration = iteration

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if runner.iter + 1 == self.iteration:
            with torch.no_grad():
                next(runner.model.discriminator.parameters()).fill_(
                    float('nan'))


def test_a_nan_stops_the_run_and_keeps_the_last_good_checkpoint(tmp_path):
    cfg = tiny_demo_config(
        tmp_path, **{
            'train_cfg.max_iters': 4,
            'default_hooks.checkpoint.interval': 2,
            'custom_hooks': []
        })
    runner = RUNNERS.build(cfg)
    runner.register_hook(PoisonDiscriminator(3))
    with pytest.raises(
            FloatingPointError,
            match='not finite at iteration 3; the run stops'):
        runner.train()
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read().endswith('iter_2.pth')
    assert not osp.exists(tmp_path / 'iter_3.pth')
    state = torch.load(tmp_path / 'iter_2.pth', weights_only=True)
    assert state['meta']['iter'] == 2
    assert all(
        torch.isfinite(v).all() for v in state['state_dict'].values()
        if v.is_floating_point())


@pytest.mark.parametrize('form', ['relative', 'absolute'])
def test_a_moved_work_dir_resumes_from_its_own_last_checkpoint(
        tmp_path, form):
    overrides = {'train_cfg.max_iters': 2, 'custom_hooks': []}
    train(tiny_demo_config(tmp_path / 'a', **overrides))
    moved = tmp_path / 'moved'
    shutil.move(tmp_path / 'a', moved)
    if form == 'absolute':  # as MMEngine's own CheckpointHook writes it
        (moved / 'last_checkpoint').write_text(str(moved / 'iter_2.pth'))
    overrides['train_cfg.max_iters'] = 3
    runner, resumed = train(tiny_demo_config(moved, resume=True,
                                             **overrides))
    assert sorted(resumed) == [3]  # went on from iteration 2
    assert (moved / 'last_checkpoint').read_text() == 'iter_3.pth'
