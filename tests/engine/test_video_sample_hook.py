"""Sample dumps during training: written on schedule, pruned to the newest
few so that long runs do not fill the disk."""
import os

from tests.conftest import tiny_demo_config
from vosgan_mm.registry import RUNNERS


def train_with_samples(work_dir, **hook):
    cfg = tiny_demo_config(
        work_dir, **{
            'train_cfg.max_iters': 5,
            'default_hooks.checkpoint.interval': 5,
            'custom_hooks': [
                dict(type='VideoSampleHook', interval=1, num_samples=2, **hook)
            ]
        })
    RUNNERS.build(cfg).train()
    return sorted(os.listdir(work_dir / 'samples'))


def test_only_the_newest_dumps_are_kept(tmp_path):
    kept = train_with_samples(tmp_path, max_keep=2)
    assert kept == [
        'iter_0000004.gif', 'iter_0000004.mp4', 'iter_0000005.gif',
        'iter_0000005.mp4'
    ]


def test_all_dumps_are_kept_on_request(tmp_path):
    kept = train_with_samples(tmp_path, max_keep=-1, formats=('gif', ))
    assert kept == [f'iter_000000{i}.gif' for i in range(1, 6)]
