import glob
import inspect
import os.path as osp
from typing import Optional, Sequence, Tuple

import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from tests.conftest import REPO_ROOT
from vosgan_mm.engine import ConfigError, check_config, check_train_config
from vosgan_mm.engine.config_validation import (accepted_keywords,
                                                value_problem)
from vosgan_mm.utils import read_config

CONFIGS = sorted(
    osp.relpath(path, REPO_ROOT) for path in glob.glob(
        osp.join(REPO_ROOT, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in path)


def demo_config(**options) -> Config:
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    cfg.merge_from_dict(options)
    return cfg


@pytest.mark.parametrize('name', CONFIGS)
def test_every_config_of_the_repository_passes(name):
    cfg = read_config(osp.join(REPO_ROOT, name))
    check_config(cfg)
    if cfg.get('train_dataloader') and cfg.get('train_cfg'):
        check_train_config(cfg)
    for where, types in pipelines_of(cfg.to_dict()):
        if 'CheckVideoLength' in types and 'OpenCVInit' in types:
            # after the reader it sets total_frames to the frames that
            # decode, so SampleFrames never draws a missing one
            assert types.index('CheckVideoLength') == \
                types.index('OpenCVInit') + 1, f'{name}: {where}: {types}'


def pipelines_of(node, where=''):
    """(dotted key, transform type names without scope) of every list of
    transforms in a config."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from pipelines_of(value, f'{where}.{key}'.lstrip('.'))
    elif isinstance(node, (list, tuple)):
        if node and all(isinstance(t, dict) and 'type' in t for t in node):
            types = [str(t['type']).rpartition('.')[2] for t in node]
            yield where, types
        for i, item in enumerate(node):
            yield from pipelines_of(item, f'{where}[{i}]')


def test_misspelled_nested_key_is_named_with_the_closest_valid_one():
    cfg = demo_config(**{'model.discriminator.base_chanels': 8})
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: unknown key "model.discriminator.base_chanels" '
        'for VOSGANDiscriminator (did you mean "base_channels"?)')


@pytest.mark.parametrize('key, owner, valid', [
    ('train_dataloader.dataset.pipeline.0.cache_dir_', 'ComputeFlowTarget',
     'cache_dir'),
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


def test_a_near_miss_of_every_runner_argument_is_named():
    # the Runner's arguments come from its signature: each one misspelt
    names = [
        name for name in inspect.signature(Runner.__init__).parameters
        if name not in ('self', 'cfg')
    ]
    cfg = demo_config()
    for name in names:
        cfg[name + name[-1]] = None  # e.g. "modell"
    with pytest.raises(ConfigError) as error:
        check_config(cfg)
    assert f'{len(names)} problems' in str(error.value)
    for name in names:
        assert (f'unknown top-level key "{name + name[-1]}" (did you mean '
                f'"{name}"?)') in str(error.value)


def test_other_top_level_keys_are_left_alone():
    cfg = demo_config()
    cfg.notes = 'first try'  # helper variables, not typos
    cfg.val_dataset = dict(type='SpriteVideoDataset')
    cfg.sync_bn = 'torch'  # read by MMEngine beside the Runner's arguments
    check_config(cfg)


@pytest.mark.parametrize(
    'key, value, expected',
    [
        ('model.generator.base_channels', '16',
         'expected int, got str \'16\''),
        ('model.latent_sampler.num_frames', 3.5,
         'expected int, got float 3.5'),
        ('model.on_nonfinite', 5, 'expected str, got int 5'),
        # another package's parameters: by their defaults
        ('train_dataloader.persistent_workers', 'False',
         'expected a bool, got str \'False\''),
        ('optim_wrapper.generator.optimizer.lr', '2e-4',
         'expected a number, got str \'2e-4\''),
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
            match='unknown type "Nope" at "custom_hooks.0.type": in no '
            'registry of scope vosgan_mm$'):
        check_config(demo_config(custom_hooks=[dict(type='Nope')]))


def test_unknown_type_in_another_default_scope_names_that_scope():
    # a config of MMAction2's scope naming our types with their scope
    cfg = read_config(
        osp.join(REPO_ROOT, 'configs', 'recognition',
                 'vosgan_transfer_ucf101_mmaction_c3d.py'))
    cfg.default_scope = 'mmaction'
    cfg.model.backbone.type = 'vosgan_mm.VOSGANBackbone'
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


def test_a_class_of_another_package_may_take_keys_its_signature_lacks():
    # its **kwargs may go anywhere: the names up its bases are only the
    # candidates of a near miss
    params, takes_more = accepted_keywords(ForwardsFurther)
    assert set(params) == {'width', 'depth', 'name'} and takes_more
    # ours, and its **kwargs reach MMEngine's CheckpointHook, whose own go
    # on to Runner.save_checkpoint: it says so (kwargs_end_in), and then
    # names all of its keys
    from vosgan_mm.engine.hooks import AtomicCheckpointHook
    params, takes_more = accepted_keywords(AtomicCheckpointHook)
    assert {'final_checkpoint', 'interval', 'save_optimizer'} <= set(params)
    assert not takes_more


def test_keys_read_beside_another_packages_signature_pass():
    cfg = demo_config()
    # DecordInit hands its **kwargs to the decoder, the Runner reads
    # num_batch_per_epoch beside DataLoader's arguments, EMAHook builds an
    # ExponentialMovingAverage with its **kwargs
    cfg.train_dataloader.dataset.pipeline.insert(
        0, dict(type='mmaction.DecordInit', ctx='cpu'))
    cfg.train_dataloader.num_batch_per_epoch = 2
    cfg.custom_hooks.append(
        dict(
            type='EMAHook', momentum=0.01, begin_iter=10, update_buffers=True))
    check_config(cfg)
    # a near miss of its own parameter is still a typo
    cfg.custom_hooks[-1]['begin_iters'] = 10
    with pytest.raises(ConfigError) as error:
        check_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: unknown key "custom_hooks.4.begin_iters" for '
        'EMAHook (did you mean "begin_iter"?)')


def test_our_classes_take_the_keys_their_builder_reads():
    # Runner.register_hook(hook, priority) and
    # DefaultOptimWrapperConstructor(optim_wrapper_cfg, paramwise_cfg)
    cfg = demo_config()
    cfg.custom_hooks[0]['priority'] = 'LOW'
    cfg.optim_wrapper.generator.update(
        type='AutocastOptimWrapper', paramwise_cfg=dict(custom_keys={}))
    check_config(cfg)
    cfg.custom_hooks[0]['prioritty'] = 'LOW'
    with pytest.raises(
            ConfigError,
            match=r'unknown key "custom_hooks.0.prioritty" for '
            r'VideoSampleHook \(did you mean "priority"\?\)'):
        check_config(cfg)


def test_missing_required_keys_are_named_with_every_other_problem():
    cfg = demo_config(**{'model.discriminator.base_chanels': 8})
    del cfg.train_dataloader['batch_size']
    del cfg.optim_wrapper['discriminator']
    with pytest.raises(ConfigError) as error:
        check_train_config(cfg)
    assert str(error.value) == (
        f'{cfg.filename}: 3 problems:\n'
        '  missing required key "train_dataloader.batch_size"\n'
        '  missing required key "optim_wrapper.discriminator"\n'
        '  unknown key "model.discriminator.base_chanels" for '
        'VOSGANDiscriminator (did you mean "base_channels"?)')


def test_a_model_of_this_package_takes_its_bases_keywords():
    from vosgan_mm.models import VOSGAN
    params, takes_any = accepted_keywords(VOSGAN)
    assert {'flow_target', 'noise_seed', 'reuse_fakes',
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


def test_a_checkpoint_hook_key_is_checked_where_its_kwargs_end():
    # CheckpointHook hands unknown keywords to Runner.save_checkpoint, so
    # a wrong one would fail only at the first save, hours in
    cfg = demo_config(**{'default_hooks.checkpoint.keep_ckpt': 3})
    with pytest.raises(ConfigError) as error:
        check_config(cfg)
    assert 'unknown key "default_hooks.checkpoint.keep_ckpt" for ' \
        'AtomicCheckpointHook (did you mean "max_keep_ckpts"?)' in str(
            error.value)
    # what save_checkpoint takes passes
    check_config(
        demo_config(**{'default_hooks.checkpoint.save_optimizer': False}))
