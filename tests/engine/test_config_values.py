"""Values of the right kind that no run can use are config errors naming
their keys."""
import os.path as osp

import pytest
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.engine import ConfigError, check_train_config
from vosgan_mm.engine.config_values import value_problems


def demo_config(**options):
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    cfg.merge_from_dict(options)
    return cfg


@pytest.mark.parametrize('key, value, problem', [
    ('model.generator.base_channels', 0, 'must be a positive integer, got 0'),
    ('model.discriminator.base_channels', -16,
     'must be a positive integer, got -16'),
    ('train_cfg.max_iters', 0, 'must be a positive integer, got 0'),
    ('train_dataloader.batch_size', 0, 'must be a positive integer, got 0'),
    ('model.loss_weights.seg', -1.0, 'a loss weight must be 0 or more, got '
     '-1.0'),
    ('model.mask_prior_weights.sparsity', -0.1,
     'a loss weight must be 0 or more, got -0.1'),
    ('optim_wrapper.discriminator.optimizer.lr', 0.0,
     'must be a positive number, got 0.0'),
    ('model.flow_target.max_displacement', -2.0,
     'must be a positive number, got -2.0'),
    ('train_dataloader.dataset.num_clips', 0,
     'must be a positive integer, got 0'),
    ('train_dataloader.num_workers', -1,
     'must be 0 or a positive integer, got -1'),
])
def test_an_unusable_value_is_a_config_error_naming_its_key(
        key, value, problem):
    cfg = demo_config(**{key: value})
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == f'{cfg.filename}: {key}: {problem}'


def test_the_inception_scores_splits_must_be_positive():
    cfg = demo_config(**{'test_evaluator.0.num_splits': 0})
    assert value_problems(cfg) == [
        'test_evaluator[0].num_splits: must be a positive integer, got 0'
    ]


def test_all_unusable_values_are_named_at_once():
    cfg = demo_config(**{
        'train_cfg.max_iters': 0,
        'model.generator.base_channels': 0,
        'model.loss_weights.flow_real': -2
    })
    assert sorted(value_problems(cfg)) == [
        'model.generator.base_channels: must be a positive integer, got 0',
        'model.loss_weights.flow_real: a loss weight must be 0 or more, '
        'got -2',
        'train_cfg.max_iters: must be a positive integer, got 0',
    ]


def test_zero_weights_and_the_shipped_values_pass():
    cfg = demo_config(**{'model.loss_weights.seg': 0.0})
    assert value_problems(cfg) == []
