"""tools/test.py and where a model's weights come from: a GAN checkpoint
given to a segmentation or recognition config, and a model that nothing
would load (random weights)."""
import json
import os.path as osp
from types import SimpleNamespace

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.engine import ConfigError
from vosgan_mm.engine.train_config import (check_test_weights,
                                           set_test_checkpoint)
from vosgan_mm.registry import MODELS

ADVERSARIAL = 'configs/segmentation/vosgan_seg_adversarial_sprites.py'
SYNTHETIC = 'configs/segmentation/vosgan_seg_synthetic_sprites.py'
SMALL = [
    'test_dataloader.dataset.num_clips=2', 'test_dataloader.batch_size=2',
    'test_dataloader.num_workers=0'
]


def config(path: str) -> Config:
    return Config.fromfile(osp.join(REPO_ROOT, path))


@pytest.fixture(scope='module')
def gan_checkpoint(tmp_path_factory):
    """A VOS-GAN training checkpoint (generator.*, discriminator.*) at the
    width of the sprite segmentation configs."""
    init_default_scope('vosgan_mm')
    model = MODELS.build(config('configs/vosgan/vosgan_900i_sprites.py').model)
    model.init_weights()
    path = tmp_path_factory.mktemp('gan') / 'gan.pth'
    torch.save(dict(meta=dict(), state_dict=model.state_dict()), path)
    return str(path)


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def runner_of(model, **cfg) -> SimpleNamespace:
    """What check_test_weights reads of a Runner."""
    return SimpleNamespace(
        model=model, cfg=Config(dict(default_scope='vosgan_mm', **cfg)))


def test_a_gan_checkpoint_is_tested_through_the_scenarios_prefix(
        gan_checkpoint, tmp_path):
    result = run_tool('tools/test.py', ADVERSARIAL, gan_checkpoint,
                      '--work-dir', str(tmp_path), '--cfg-options', *SMALL)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (f'{gan_checkpoint}: testing its weights under "discriminator.", '
            "as the config's model.init_cfg loads them") in result.stdout
    written = json.loads((tmp_path / 'test_results.json').read_text())
    assert written['checkpoint'] == gan_checkpoint
    assert 'seg/J' in written['metrics']


def test_the_prefix_route_takes_only_a_checkpoint_with_that_prefix(
        gan_checkpoint, tmp_path):
    cfg = config(ADVERSARIAL)
    note = set_test_checkpoint(cfg, gan_checkpoint)
    assert cfg.model.init_cfg.checkpoint == gan_checkpoint
    assert cfg.load_from is None and gan_checkpoint in note
    # a fine-tuned segmenter's own checkpoint is loaded as it is
    own = tmp_path / 'segmenter.pth'
    segmenter = MODELS.build(dict(cfg.model, init_cfg=None))
    torch.save(dict(state_dict=segmenter.state_dict()), own)
    cfg = config(ADVERSARIAL)
    assert set_test_checkpoint(cfg, str(own)) is None
    assert cfg.load_from == str(own)
    assert cfg.model.init_cfg.checkpoint != str(own)


def test_a_gan_checkpoint_on_a_config_without_a_prefix_names_the_options(
        gan_checkpoint, tmp_path):
    result = run_tool('tools/test.py', SYNTHETIC, gan_checkpoint, '--work-dir',
                      str(tmp_path / 'refused'), '--cfg-options', *SMALL)
    assert result.returncode == 1
    assert 'Traceback' not in result.stderr
    options = (f'--cfg-options model.init_cfg.type=StrictPretrained '
               f'model.init_cfg.checkpoint={gan_checkpoint} '
               'model.init_cfg.prefix=discriminator.')
    assert last_line(result.stderr) == (
        f'test.py: error: {gan_checkpoint} holds the networks '
        "discriminator, generator, not VOSGANSegmenter's weights: to test "
        f'its "discriminator." part, give no checkpoint and {options}')
    # the options named do test it
    result = run_tool('tools/test.py', SYNTHETIC, '--work-dir',
                      str(tmp_path / 'tested'), '--cfg-options', *SMALL,
                      *options.split()[1:])
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_gan_checkpoint_on_a_recognizer_says_to_train_from_it(
        gan_checkpoint):
    cfg = config('configs/_base_/models/recognizer_vosgan.py')
    cfg.model.backbone.update(base_channels=16, init_cfg=None)
    recognizer = MODELS.build(cfg.model)
    with pytest.raises(ConfigError) as error:
        check_test_weights(runner_of(recognizer, load_from=gan_checkpoint))
    assert str(error.value) == (
        f'{gan_checkpoint} holds the networks discriminator, generator, not '
        'Recognizer3D\'s weights: its "discriminator." part fits '
        'model.backbone alone, and cls_head would stay untrained; train from '
        'it (tools/train.py config --cfg-options '
        'model.backbone.init_cfg.type=StrictPretrained '
        f'model.backbone.init_cfg.checkpoint={gan_checkpoint} '
        'model.backbone.init_cfg.prefix=discriminator.) and test the '
        'checkpoint that training writes')


def test_a_checkpoint_of_another_gan_is_left_to_the_loader_to_describe(
        gan_checkpoint):
    vgan = MODELS.build(config('configs/vgan/vgan_900i_sprites.py').model)
    # the loader's error lists the differences key by key
    check_test_weights(runner_of(vgan, load_from=gan_checkpoint))


def test_a_model_that_nothing_loads_is_refused_unless_asked(tmp_path):
    result = run_tool('tools/test.py', SYNTHETIC, '--work-dir',
                      str(tmp_path / 'refused'), '--cfg-options', *SMALL)
    assert result.returncode == 1
    assert last_line(result.stderr) == (
        f'test.py: error: {SYNTHETIC}: no checkpoint given and no init_cfg '
        'of VOSGANSegmenter loads weights: the test would score random '
        'weights; give a CHECKPOINT, or --allow-random-weights to score '
        'them anyway')
    assert not (tmp_path / 'refused' / 'test_results.json').exists()
    result = run_tool('tools/test.py', SYNTHETIC,
                      '--allow-random-weights', '--work-dir',
                      str(tmp_path / 'asked'), '--cfg-options', *SMALL)
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_head_that_no_init_cfg_loads_is_named():
    cfg = config('configs/_base_/models/recognizer_vosgan.py')
    cfg.model.backbone.base_channels = 16
    recognizer = MODELS.build(cfg.model)  # the backbone from a GAN
    with pytest.raises(
            ConfigError,
            match=r"no checkpoint given and the "
            r"weights of Recognizer3D's cls_head\.fc_cls come "
            'from no init_cfg'):
        check_test_weights(runner_of(recognizer, load_from=None))
    check_test_weights(
        runner_of(recognizer, load_from=None), allow_random_weights=True)


@pytest.mark.parametrize('path', [
    'configs/segmentation/flow_baseline_sprites.py',
    'configs/segmentation_baselines/median_background_sprites.py',
    'configs/segmentation_baselines/mog2_sprites.py'
])
def test_a_model_without_parameters_needs_no_weights(path):
    model = MODELS.build(config(path).model)
    assert not list(model.parameters())
    check_test_weights(runner_of(model, load_from=None))
