"""The golf schedule: 25 epochs counted in iterations of the data at hand,
and the finished run's checkpoint under a fixed name."""
import os.path as osp

import pytest
import torch
from mmengine.runner import Runner

from tests.conftest import tiny_demo_config
from vosgan_mm.engine import ConfigError
from vosgan_mm.registry import RUNNERS


def run(work_dir, build=RUNNERS.build, **options):
    cfg = tiny_demo_config(
        work_dir, **{
            'train_dataloader.dataset.num_clips':
            6,
            'train_dataloader.batch_size':
            2,
            'train_cfg':
            dict(
                _delete_=True, type='EpochCountedIterTrainLoop', max_epochs=2),
            'default_hooks.checkpoint.interval':
            2,
            'default_hooks.checkpoint.final_checkpoint':
            'final.pth',
            'custom_hooks': [],
            **options
        })
    runner = build(cfg)
    runner.train()
    return runner


def test_the_length_in_epochs_becomes_iterations_of_the_data(tmp_path):
    runner = run(tmp_path)
    assert runner.max_iters == 2 * 3  # 2 epochs of 6 clips in batches of 2
    assert runner.iter == 6
    # the finished run's checkpoint, also under its fixed name
    final = torch.load(tmp_path / 'final.pth')
    assert final['meta']['iter'] == 6
    assert osp.samefile(tmp_path / 'final.pth', tmp_path / 'iter_6.pth')


def test_the_final_name_is_the_last_iteration_not_the_last_interval(tmp_path):
    run(tmp_path, **{'default_hooks.checkpoint.interval': 4})
    assert torch.load(tmp_path / 'final.pth')['meta']['iter'] == 6
    assert torch.load(tmp_path / 'iter_4.pth')['meta']['iter'] == 4


def test_max_epochs_must_be_a_positive_integer(tmp_path):
    zero = dict(_delete_=True, type='EpochCountedIterTrainLoop', max_epochs=0)
    # the config check names the key; the loop itself refuses it too
    with pytest.raises(ConfigError,
                       match='train_cfg.max_epochs: must be a positive'):
        run(tmp_path, train_cfg=zero)
    with pytest.raises(ValueError, match='max_epochs must be a positive'):
        run(tmp_path, build=Runner.from_cfg, train_cfg=zero)
