import numpy as np
import torch
from mmengine.hooks import Hook

from tests.conftest import tiny_demo_config
from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import host_reads


class LoggedHistory(Hook):
    """Copies the message hub's loss history at given iterations (1-based),
    after every other hook of the iteration."""

    priority = 'LOWEST'

    def __init__(self, iterations):
        self.iterations = iterations
        self.seen = {}

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        if runner.iter + 1 in self.iterations:
            scalars = runner.message_hub.log_scalars
            self.seen[runner.iter + 1] = {
                key: list(buffer.data[0])
                for key, buffer in scalars.items() if 'loss' in key
            }


def run(tmp_path, runtime_info, iterations=(1, 2, 3, 4, 5), **overrides):
    cfg = tiny_demo_config(
        tmp_path,
        **{
            'default_hooks.runtime_info.type': runtime_info,
            'default_hooks.logger.interval': 3,
            'default_hooks.checkpoint.interval': 100,
            'train_cfg.max_iters': 5,
            'train_dataloader.dataset.num_clips': 16,  # no epoch end
            'custom_hooks': [],
            **overrides
        })
    runner = RUNNERS.build(cfg)
    history = LoggedHistory(iterations)
    runner.register_hook(history)
    runner.train()
    return runner, history.seen


def test_losses_reach_the_message_hub_when_logged_as_every_iteration(tmp_path):
    _, eager = run(tmp_path / 'eager', 'RuntimeInfoHook')
    _, deferred = run(tmp_path / 'deferred', 'DeferredRuntimeInfoHook')
    # nothing read before the logging iteration (3) and the last (5)
    assert deferred[1] == deferred[2] == {}
    assert deferred[4] == deferred[3]
    for iteration in (3, 5):
        assert deferred[iteration].keys() == eager[iteration].keys()
        for key, values in eager[iteration].items():
            assert len(values) == iteration
            # the same numbers, in the same order, as read one by one
            np.testing.assert_array_equal(deferred[iteration][key], values)


def test_at_most_two_host_reads_per_iteration_outside_logging(tmp_path):
    """With fused optimizers (what the tools choose on a GPU) a Runner-driven
    iteration reads the device once (the update checks)."""
    fused = {
        f'optim_wrapper.{net}.optimizer.fused': True
        for net in ('generator', 'discriminator')
    }
    cfg = tiny_demo_config(
        tmp_path, **{
            'default_hooks.logger.interval': 100,
            'default_hooks.checkpoint.interval': 100,
            'train_cfg.max_iters': 4,
            'custom_hooks': [],
            **fused
        })
    runner = RUNNERS.build(cfg)
    reads = []

    class CountReads(Hook):
        priority = 'LOWEST'

        def before_train_iter(self, runner, batch_idx, data_batch=None):
            self.prof = torch.profiler.profile()
            self.prof.__enter__()

        def after_train_iter(self,
                             runner,
                             batch_idx,
                             data_batch=None,
                             outputs=None):
            self.prof.__exit__(None, None, None)
            reads.append(host_reads(self.prof.events()))

    runner.register_hook(CountReads())
    runner.train()
    # the first also reads the iteration count (the noise seed) once; the
    # last one reads the logs
    assert reads[:3] == [2, 1, 1], reads


def test_a_checkpoint_saved_after_save_begin_holds_every_logged_value(
        tmp_path):
    checkpoint = {
        'default_hooks.checkpoint.interval': 2,
        'default_hooks.checkpoint.save_begin': 1,
        'default_hooks.logger.interval': 100,
    }
    for name in ('RuntimeInfoHook', 'DeferredRuntimeInfoHook'):
        run(tmp_path / name, name, **checkpoint)
    # saved after iterations 3 and 5 ((iteration - 1) % 2 == 0)
    histories = [
        torch.load(tmp_path / name / 'iter_3.pth', weights_only=False)
        ['message_hub']['log_scalars']['train/loss_d'].data[0]
        for name in ('RuntimeInfoHook', 'DeferredRuntimeInfoHook')
    ]
    assert len(histories[0]) == 3
    np.testing.assert_array_equal(histories[1], histories[0])
