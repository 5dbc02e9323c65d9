"""VOSGANRunner: the config check, the work-dir refusal and strict loading
in one place, built the way MMAction2's tools build a runner."""
import os.path as osp

import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT, tiny_demo_config
from tests.utils.test_checkpoint_loading import tiny_gan
from vosgan_mm.engine import ConfigError, VOSGANRunner
from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import read_config


def test_every_config_of_the_package_builds_this_runner():
    cfg = read_config(
        osp.join(REPO_ROOT, 'configs', 'recognition',
                 'vosgan_transfer_ucf101_mmaction_c3d.py'),
        {'train_cfg.max_epochs': 7})
    assert cfg.train_cfg.max_epochs == 7
    assert RUNNERS.get(cfg.runner_type) is VOSGANRunner


def test_the_config_is_checked_before_anything_is_built(tmp_path):
    cfg = tiny_demo_config(tmp_path / 'work')
    cfg.model.generator.base_chanels = 4
    cfg.optim_wrapper.pop('discriminator')
    with pytest.raises(ConfigError) as error:
        RUNNERS.build(cfg)
    assert 'missing required key "optim_wrapper.discriminator"' in str(
        error.value)
    assert not osp.exists(tmp_path / 'work')


def test_a_finished_run_is_refused_before_its_files_are_touched(tmp_path):
    work = tmp_path / 'work'
    work.mkdir()
    (work / 'iter_900.pth').write_bytes(b'an earlier run')
    (work / 'vosgan_900i_sprites.py').write_text('# the earlier run\n')
    runner = RUNNERS.build(tiny_demo_config(work))
    with pytest.raises(ConfigError, match='already holds checkpoints'):
        runner.train()
    assert (work /
            'vosgan_900i_sprites.py').read_text() == '# the earlier run\n'
    assert (work / 'iter_900.pth').read_bytes() == b'an earlier run'


def test_the_config_copy_is_written_when_the_run_starts(tmp_path):
    runner = RUNNERS.build(tiny_demo_config(tmp_path))
    assert not osp.exists(tmp_path / 'vosgan_900i_sprites.py')
    runner.train()
    assert osp.isfile(tmp_path / 'vosgan_900i_sprites.py')


def test_a_missing_checkpoint_is_named(tmp_path):
    runner = RUNNERS.build(tiny_demo_config(tmp_path))
    with pytest.raises(
            FileNotFoundError, match='checkpoint not found: nowhere.pth'):
        runner.load_checkpoint('nowhere.pth')


def test_testing_without_a_checkpoint_initialises_from_init_cfg(tmp_path):
    gan = tiny_gan()
    gan.init_weights()
    path = str(tmp_path / 'gan.pth')
    torch.save(dict(state_dict=gan.state_dict()), path)
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'segmentation',
                 'vosgan_seg_adversarial_sprites.py'))
    cfg.merge_from_dict({
        'work_dir': str(tmp_path / 'work'),
        'model.base_channels': 2,
        'model.init_cfg.checkpoint': path,
        'test_dataloader.dataset.num_clips': 10,
        'test_dataloader.num_workers': 0,
        'test_dataloader.persistent_workers': False,
    })
    runner = RUNNERS.build(cfg)
    runner.test()
    loaded = runner.model.state_dict()
    for key, value in gan.discriminator.state_dict().items():
        if key in loaded:
            assert torch.equal(loaded[key], value), key


def test_the_log_names_processes_and_their_device_not_gpus(tmp_path):
    runner = RUNNERS.build(tiny_demo_config(tmp_path))
    log = open(runner.logger.log_file).read()
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    assert f'Processes ({device}): 1' in log
    assert 'GPU number' not in log
    assert 'Runtime environment:' in log and 'Config:' in log
