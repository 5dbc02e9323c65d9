import glob
import inspect
import os.path as osp
from typing import Optional, Sequence, Tuple

import pytest
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.engine import (ConfigError, check_config, check_train_config,
                              config_validation)
from vosgan_mm.engine.config_validation import (accepted_keywords,
                                                value_problem)
from vosgan_mm.utils import read_config

CONFIGS = sorted(
    osp.relpath(path, REPO_ROOT) for path in glob.glob(
        osp.join(REPO_ROOT, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in path)


def demo_config(**options) -> Config:
    cfg = Config.fromfile(osp.join(REPO_ROOT, 'configs', 'vosgan_demo.py'))
    cfg.merge_from_dict(options)
    return cfg


@pytest.mark.parametrize('name', CONFIGS)
def test_every_config_of_the_repository_passes(name, monkeypatch):
    warnings = []
    monkeypatch.setattr(config_validation, 'print_log',
                        lambda message, **kwargs: warnings.append(message))
    cfg = read_config(osp.join(REPO_ROOT, name))
    check_config(cfg)
    # helper variables start with "_" (or are OpenMMLab's usual names)
    assert warnings == []
    if cfg.get('train_dataloader') and cfg.get('train_cfg'):
        check_train_config(cfg)


def test_misspelled_nested_key_is_named_with_the_closest_valid_one():
    cfg = demo_config(**{'model.discriminator.base_chanels': 8})
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: unknown key "model.discriminator.base_chanels" '
        'for VOSGANDiscriminator (did you mean "base_channels"?)')


@pytest.mark.parametrize('key, owner, valid', [
    ('train_dataloader.dataset.pipeline.0.flow.win_size', 'FarnebackFlow',
     'winsize'),
    ('optim_wrapper.generator.optimizer.betass', 'Adam', 'betas'),
    ('default_hooks.checkpoint.intervall', 'AtomicCheckpointHook', 'interval'),
    ('custom_hooks.0.num_sample', 'VideoSampleHook', 'num_samples'),
    ('train_cfg.max_iter', 'IterBasedTrainLoop', 'max_iters'),
    ('train_dataloader.batchsize', 'DataLoader', 'batch_size'),
    ('test_evaluator.0.classifer', 'InceptionScore', 'classifier'),
])
def test_misspelled_key_anywhere_in_the_tree_is_named(key, owner, valid):
    with pytest.raises(
            ConfigError,
            match=f'unknown key "{key}" for {owner} '
            rf'\(did you mean "{valid}"\?\)'):
        check_config(demo_config(**{key: 1}))


def test_misspelled_key_of_an_mmaction_component_is_named():
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'recognition',
                 'vosgan_transfer_ucf101_pooled_head.py'))
    cfg.merge_from_dict({
        'model.cls_head.num_class': 3,
        'param_scheduler.0.patiense': 3
    })
    with pytest.raises(ConfigError) as error:
        check_config(cfg)
    assert '2 problems' in str(error.value)
    assert 'unknown key "model.cls_head.num_class" for I3DHead (did you ' \
        'mean "num_classes"?)' in str(error.value)
    assert 'unknown key "param_scheduler.0.patiense" for ReduceOnPlateauLR' \
        in str(error.value)


def test_misspelled_top_level_key_is_named_with_the_runner_key():
    cfg = demo_config()
    cfg.trian_cfg = dict(max_iters=3)
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: unknown top-level key "trian_cfg" (did you mean '
        '"train_cfg"?)')


def test_unknown_top_level_key_without_close_name_is_only_warned(monkeypatch):
    warnings = []
    monkeypatch.setattr(config_validation, 'print_log',
                        lambda message, **kwargs: warnings.append(message))
    cfg = demo_config()
    cfg.notes = 'first try'  # helper variables, not typos
    cfg.val_dataset = dict(type='SpriteVideoDataset')
    check_config(cfg)
    assert warnings == [
        'top-level config key "notes" is not read by the Runner (fine for a '
        'helper variable; name it "_notes" to silence this)',
        'top-level config key "val_dataset" is not read by the Runner (did '
        'you mean "val_dataloader"?) (fine for a helper variable; name it '
        '"_val_dataset" to silence this)'
    ]


@pytest.mark.parametrize('key, value, expected', [
    ('model.generator.base_channels', '16', 'expected int, got str \'16\''),
    ('model.latent_sampler.num_frames', 3.5, 'expected int, got float 3.5'),
    ('model.on_nonfinite', 5, 'expected str, got int 5'),
    ('train_dataloader.persistent_workers', 'False',
     'expected bool, got str \'False\''),
    ('optim_wrapper.generator.optimizer.lr', '2e-4',
     'expected float | torch.Tensor, got str \'2e-4\''),
])
def test_value_of_the_wrong_kind_is_named(key, value, expected):
    with pytest.raises(ConfigError) as error:
        check_train_config(demo_config(**{key: value}))
    assert f'wrong type for "{key}"' in str(error.value)
    assert str(error.value).endswith(expected)


def test_unknown_type_is_named_with_its_registry():
    cfg = demo_config(**{'model.generator.type': 'VOSGANGeneratr'})
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: unknown type "VOSGANGeneratr" at '
        '"model.generator.type": not in the model registry of scope '
        'vosgan_mm (did you mean "VOSGANGenerator"?)')
    with pytest.raises(
            ConfigError,
            match='unknown type "Nope" at "custom_hooks.0.type": not in the '
            'hook registry'):
        check_config(demo_config(custom_hooks=[dict(type='Nope')]))


def test_unknown_type_in_another_default_scope_names_that_scope():
    cfg = read_config(
        osp.join(REPO_ROOT, 'configs', 'recognition',
                 'vosgan_transfer_ucf101_mmaction_c3d.py'))
    cfg.model.backbone.init_cfg.type = 'vosgan_mm.StrictPretrainde'
    with pytest.raises(
            ConfigError,
            match='"model.backbone.init_cfg.type": not in the weight '
            r'initializer registry of scope vosgan_mm \(did you mean '
            r'"StrictPretrained"\?\)'):
        check_config(cfg)


class Base:

    def __init__(self, depth: int = 1, name: str = 'base'):
        pass


class Forwards(Base):

    def __init__(self, width: int = 2, **kwargs):
        super().__init__(**kwargs)


class ForwardsFurther(Forwards):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)


def test_kwargs_are_followed_to_the_bases_in_openmmlab_packages_only():
    # a class of another package may send its **kwargs anywhere
    params, takes_any = accepted_keywords(ForwardsFurther)
    assert set(params) == set() and takes_any
    # OpenMMLab's convention: **kwargs go to the base's __init__
    params, takes_any = accepted_keywords(
        ForwardsFurther, kwargs_to_base=(__name__.split('.')[0], ))
    assert set(params) == {'width', 'depth', 'name'} and not takes_any


def test_keys_of_an_mmaction_transform_with_kwargs_are_not_refused():
    # DecordInit hands its **kwargs to the decoder: any key may be right
    cfg = demo_config()
    cfg.train_dataloader.dataset.pipeline.insert(
        0, dict(type='mmaction.DecordInit', ctx='cpu'))
    check_config(cfg)


def test_ema_hook_keys_are_checked_against_the_average_it_builds():
    # EMAHook hands its **kwargs to ExponentialMovingAverage
    cfg = demo_config()
    cfg.custom_hooks.append(
        dict(
            type='EMAHook', momentum=0.01, begin_iter=10, update_buffers=True))
    check_config(cfg)
    cfg.custom_hooks[-1]['momentm'] = 0.01
    with pytest.raises(
            ConfigError,
            match=r'unknown key "custom_hooks.4.momentm" for '
            r'ExponentialMovingAverage \(did you mean "momentum"\?\)'):
        check_config(cfg)
    cfg.custom_hooks[-1] = dict(type='EMAHook', ema_type='NoSuchAverage')
    with pytest.raises(
            ConfigError,
            match='unknown type "NoSuchAverage" at "custom_hooks.4.ema_type"'):
        check_config(cfg)


def test_a_model_of_this_package_takes_its_bases_keywords():
    from vosgan_mm.models import VOSGAN
    params, takes_any = accepted_keywords(VOSGAN)
    assert {'flow_target', 'noise_seed', 'ema_cfg',
            'data_preprocessor'} <= set(params)
    assert not takes_any


def annotated(size: Tuple[int, int] = (2, 2),
              ids: Sequence[int] = (),
              scale: Optional[float] = None,
              count=3,
              label='x'):
    pass


@pytest.mark.parametrize(
    'name, value, wrong',
    [
        ('size', (4, 4), False),
        ('size', [4, 4], False),
        ('size', (4, 4, 4), True),
        ('size', 4, True),
        ('ids', [1, 2], False),
        ('ids', ['a'], True),
        ('ids', 'ab', True),
        ('scale', None, False),
        ('scale', 2, False),
        ('scale', 'x', True),
        # without an annotation only a str for a number is known to be wrong
        ('count', 2.5, False),
        ('count', '2', True),
        ('label', 3, False),
    ])
def test_value_kinds_from_annotations_and_defaults(name, value, wrong):
    param = inspect.signature(annotated).parameters[name]
    assert bool(value_problem(value, param)) == wrong
