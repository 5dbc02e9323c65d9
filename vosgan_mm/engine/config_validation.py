"""Checks a config against the components it names, before anything is
built: a misspelled key, a value of the wrong kind, an unknown ``type`` or
a top-level key close to one the Runner reads is an error naming the dotted
key, not a surprise hours into a run (or a key silently ignored); another
unknown top-level key is logged as a warning (it may be a helper variable).

Each dict with a ``type`` is resolved through the registry its place in the
config builds it with (the model through ``MODELS``, the dataset through
``DATASETS``, its pipeline through ``TRANSFORMS``, hooks, loops, optimizer
wrappers and optimizers, schedulers, metrics...), in the config's
``default_scope``, exactly as the Runner would. Its keys are checked
against the ``__init__`` signature of the class (or the function). A
class of an OpenMMLab package (this one, MMEngine, MMCV, MMAction2)
taking ``**kwargs`` is followed up its bases (their convention:
``**kwargs`` go to ``super().__init__``), except OpenMMLab's data
transforms, whose ``**kwargs`` often go to a decoder; a class of any other
package taking ``**kwargs`` accepts any key. Values are checked against
the parameter's annotation (``int``, ``float``, ``bool``, ``str``,
``Optional``, ``Union``, ``Sequence[int]``, ``Tuple[int, int]``,
``Literal``...) where it is one of
these; other annotations (classes, callables) are not checked. Without an
annotation only a string given for a number or a bool default is an error.

Nested configs are followed where it is known how they are built: inside
models and inside this package's components through ``MODELS``,
``init_cfg`` through ``WEIGHT_INITIALIZERS``, a dataset's ``pipeline``
through ``TRANSFORMS``; other nested dicts (e.g. inside MMAction2's
transforms) are left alone.
"""
import logging
import collections.abc
import difflib
import inspect
import types
import typing
from typing import Any, Dict, Iterable, List, Optional, Tuple

import torch
import torch.nn as nn
from mmengine.config import Config
from mmengine.hooks import CheckpointHook, EMAHook
from mmengine.logging import print_log
from mmengine.optim import DefaultOptimWrapperConstructor
from mmengine.registry import DefaultScope, Registry
from mmengine.runner import EpochBasedTrainLoop, IterBasedTrainLoop, Runner
from mmengine.runner import TestLoop, ValLoop
from torch.utils.data import DataLoader

from vosgan_mm.engine.optimizers import MultiOptimWrapperConstructor
from vosgan_mm.registry import (DATA_SAMPLERS, DATASETS, EVALUATOR, FUNCTIONS,
                                HOOKS, LOG_PROCESSORS, LOOPS, METRICS,
                                MODEL_WRAPPERS, MODELS,
                                OPTIM_WRAPPER_CONSTRUCTORS, OPTIM_WRAPPERS,
                                OPTIMIZERS, PARAM_SCHEDULERS, TRANSFORMS,
                                VISBACKENDS, VISUALIZERS, WEIGHT_INITIALIZERS)

# what the Runner reads: its __init__ arguments and the keys it looks up in
# the config itself (model wrapping, compiling)
RUNNER_ARGS = [
    name for name in inspect.signature(Runner.__init__).parameters
    if name not in ('self', 'cfg')
]
RUNNER_KEYS = tuple(RUNNER_ARGS) + (
    'model_wrapper_cfg', 'find_unused_parameters', 'sync_bn', 'compile',
    'activation_checkpointing', 'efficient_conv_bn_eval')
# read by MMEngine's Config and by OpenMMLab train tools
TOOL_KEYS = ('custom_imports', 'runner_type')
# OpenMMLab's conventional helper variables (MMAction2's configs, which
# ours may inherit, define them); any other helper variable of a config
# starts with "_" (unknown keys are otherwise warned about)
OPENMMLAB_CONFIG_VARIABLES = ('dataset_type', 'data_root', 'data_root_val',
                              'ann_file_train', 'ann_file_val',
                              'ann_file_test', 'split', 'file_client_args',
                              'backend_args', 'metainfo', 'train_pipeline',
                              'val_pipeline', 'test_pipeline', 'vis_backends')
ENV_KEYS = ('cudnn_benchmark', 'mp_cfg', 'dist_cfg', 'resource_limit')

# keys that the builder, not the class, consumes
BUILDER_KEYS = {
    HOOKS: ('priority', ),
    PARAM_SCHEDULERS: ('convert_to_iter_based', ),
    WEIGHT_INITIALIZERS: ('override', ),
    OPTIM_WRAPPERS: ('optimizer', 'paramwise_cfg', 'constructor'),
}
# (registry of the owner, key) -> registry that builds the nested config
NESTED_SLOTS = {
    (DATASETS, 'pipeline'): TRANSFORMS,
    (DATASETS, 'dataset'): DATASETS,
    (DATASETS, 'datasets'): DATASETS,
    (HOOKS, 'dataset'): DATASETS,
    (MODELS, 'dataset'): DATASETS,  # RealVideoSource: real clips as a model
    (OPTIM_WRAPPERS, 'optimizer'): OPTIMIZERS,
    (VISUALIZERS, 'vis_backends'): VISBACKENDS,
    (EVALUATOR, 'metrics'): METRICS,
}
DATALOADER_KEYS = ('dataset', 'sampler', 'batch_sampler', 'collate_fn',
                   'worker_init_fn', 'num_batch_per_epoch',
                   'disable_subprocess_warning')
# packages whose annotations are taken at their word (MMAction2's are not
# always right, e.g. ``average_clips: Optional[Dict]`` takes a str)
TRUSTED_ANNOTATIONS = ('vosgan_mm', 'mmengine', 'torch')
# CheckpointHook hands its **kwargs to Runner.save_checkpoint, whose
# parameters it already sets all: it takes no extra keyword in practice
NO_EXTRA_KEYWORDS = (CheckpointHook, nn.Module)
# classes whose ``**kwargs`` build another registered class: the key that
# names it, its default, the registry, and the keys the builder supplies
# (EMAHook builds its ExponentialMovingAverage with them)
KWARGS_BUILD_ANOTHER = {
    EMAHook: ('ema_type', 'ExponentialMovingAverage', MODELS, ('model', )),
}
# packages whose classes pass a ``**kwargs`` on to their base's
# ``__init__`` (OpenMMLab's convention, and this package's): such keys are
# checked against the bases; elsewhere a ``**kwargs`` may take any key.
# Data transforms are the exception: OpenMMLab's often hand theirs to a
# decoding backend (MMAction2's ``DecordInit``), so only this package's are
# followed.
KWARGS_TO_BASE_PACKAGES = ('vosgan_mm', 'mmengine', 'mmcv', 'mmaction')


def _closest(name: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    match = difflib.get_close_matches(
        name, list(candidates), n=1, cutoff=cutoff)
    return f' (did you mean "{match[0]}"?)' if match else ''


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + '...'
    return f'{type(value).__name__} {text}'


def _hint_name(hint) -> str:
    if isinstance(hint, type):
        return hint.__name__
    return str(hint).replace('typing.', '')


# ------------------------------------------------------------- signatures
def _annotation(param: inspect.Parameter, namespace: dict):
    """The parameter's annotation, a string one evaluated where it can be
    (``from __future__ import annotations``); empty where it cannot."""
    if not isinstance(param.annotation, str):
        return param.annotation
    try:
        return eval(param.annotation, namespace)
    except Exception:
        return param.empty


def _signature(func) -> Optional[inspect.Signature]:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    namespace = getattr(inspect.unwrap(func), '__globals__', {})
    return sig.replace(parameters=[
        p.replace(annotation=_annotation(p, namespace))
        for p in sig.parameters.values()
    ])


def _own_parameters(func, method: bool = False) -> Optional[tuple]:
    """The keyword parameters of ``func`` (without ``self`` for a method)
    and the name of its ``**kwargs`` if any."""
    sig = _signature(func)
    if sig is None:
        return None
    trusted = getattr(func, '__module__', '').split('.')[0] in \
        TRUSTED_ANNOTATIONS
    params, var_keyword = {}, None
    for name, param in list(sig.parameters.items())[int(method):]:
        if param.kind == param.VAR_KEYWORD:
            var_keyword = name
        elif param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            params[name] = param if trusted else param.replace(
                annotation=param.empty)
    return params, var_keyword


def accepted_keywords(
    obj,
    kwargs_to_base: Iterable[str] = KWARGS_TO_BASE_PACKAGES
) -> Tuple[Dict[str, inspect.Parameter], bool]:
    """The keyword parameters a class (through its ``__init__`` and, for
    the classes of the packages ``kwargs_to_base``, the bases its
    ``**kwargs`` go to) or a function accepts, and whether it may accept
    any other keyword as well."""
    if not inspect.isclass(obj):
        found = _own_parameters(obj)
        return ({}, True) if found is None else (found[0], bool(found[1]))
    params: Dict[str, inspect.Parameter] = {}
    for cls in obj.__mro__:
        init = cls.__dict__.get('__init__')
        if cls is object:
            return params, False
        if init is None:
            continue
        found = _own_parameters(init, method=True)
        if found is None:
            return params, True
        for name, param in found[0].items():
            params.setdefault(name, param)
        if found[1] is None or cls in NO_EXTRA_KEYWORDS:
            return params, False
        if cls.__module__.split('.')[0] not in kwargs_to_base:
            return params, True
    return params, False


# ------------------------------------------------------------ value kinds
def _fits_sequence(value, origin, args) -> bool:
    if isinstance(value, str):  # a str is a sequence of str, not a list
        return origin is collections.abc.Sequence and (not args or _fits(
            value, args[0]))
    if not isinstance(value, (list, tuple)):
        return False
    if not args:
        return True
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        return len(value) == len(args) and all(
            _fits(v, a) for v, a in zip(value, args))
    return all(_fits(v, args[0]) for v in value)


def _is_int(value) -> bool:
    return isinstance(value, int) or (isinstance(value, float)
                                      and value.is_integer())


SCALAR_KINDS = {
    int: _is_int,
    float: lambda v: isinstance(v, (int, float)),
    bool: lambda v: isinstance(v, int),
    str: lambda v: isinstance(v, str),
    dict: lambda v: isinstance(v, dict),
}
SEQUENCE_ORIGINS = (list, tuple, collections.abc.Sequence)


def _fits(value, hint) -> bool:
    """Whether ``value`` can be of the annotated kind; True for annotations
    that are not checked (classes, callables, type variables...)."""
    if hint is Any or hint is inspect.Parameter.empty:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_fits(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    if hint in SCALAR_KINDS:
        return SCALAR_KINDS[hint](value)
    if hint is torch.Tensor:  # e.g. ``lr: Union[float, Tensor]``
        return isinstance(value, (int, float, torch.Tensor))
    if hint in SEQUENCE_ORIGINS or origin in SEQUENCE_ORIGINS:
        return _fits_sequence(value, origin or hint, args)
    if origin in (dict, collections.abc.Mapping):
        return isinstance(value, dict)
    return True


def value_problem(value, param: inspect.Parameter) -> Optional[str]:
    """What is wrong with ``value`` for ``param``, if it can be known."""
    if value is None and param.default is None:
        return None
    if param.annotation is not param.empty:
        if _fits(value, param.annotation):
            return None
        return f'expected {_hint_name(param.annotation)}'
    default = param.default
    if isinstance(value, str) and isinstance(default, (int, float)):
        return 'expected a bool' if isinstance(default, bool) else \
            'expected a number'
    return None


# ---------------------------------------------------------------- walker
class ComponentChecker:
    """Walks a config and collects its problems.

    Args:
        default_scope (str): The scope types are resolved in (the config's
            ``default_scope``, as the Runner does).
    """

    def __init__(self, default_scope: str = 'mmengine'):
        self.default_scope = default_scope
        self.problems: List[str] = []

    def check(self, cfg: dict) -> List[str]:
        """Problems of every component of ``cfg``."""
        with DefaultScope.overwrite_default_scope(self.default_scope):
            for key in ('model', 'data_preprocessor'):
                self.component(cfg.get(key), key, MODELS)
            for split in ('train', 'val', 'test'):
                key = f'{split}_dataloader'
                self.dataloader(cfg.get(key), key)
            self.loops(cfg)
            self.optim_wrapper(cfg.get('optim_wrapper'), 'optim_wrapper')
            self.schedulers(cfg.get('param_scheduler'), 'param_scheduler')
            for key in ('val_evaluator', 'test_evaluator'):
                self.evaluator(cfg.get(key), key)
            self.runtime(cfg)
        return self.problems

    # ------------------------------------------------------ one component
    def component(self,
                  node,
                  path: str,
                  registry,
                  default_type=None,
                  extra: tuple = ()) -> None:
        """Checks a dict that ``registry`` builds (anything else is left
        alone)."""
        if not isinstance(node, dict):
            return
        obj = self.resolve(
            node.get('type', default_type), f'{path}.type', registry,
            node.get('_scope_'))
        if obj is None:
            return
        extra = extra + BUILDER_KEYS.get(registry, ())
        self.keywords(obj, node, path, extra, ('vosgan_mm', )
                      if registry is TRANSFORMS else KWARGS_TO_BASE_PACKAGES)
        self.nested(obj, node, path, registry)

    def components(self, node, path: str, registry, **kwargs) -> None:
        """A dict or a list of dicts that ``registry`` builds."""
        if isinstance(node, (list, tuple)):
            for i, item in enumerate(node):
                self.component(item, f'{path}.{i}', registry, **kwargs)
        else:
            self.component(node, path, registry, **kwargs)

    def resolve(self, type_, path: str, registry, scope=None):
        """The class or function ``type_`` names in ``registry``, or None
        (with a problem recorded when the name is unknown)."""
        if type_ is None:
            return None
        if not isinstance(type_, str):
            return type_ if callable(type_) else None
        with registry.switch_scope_and_registry(scope) as found_in:
            obj = found_in.get(type_)
        if obj is None:
            self.unknown_type(type_, path, registry, scope)
        return obj

    def unknown_type(self, type_: str, path: str, registry, scope) -> None:
        prefix, name = Registry.split_scope_key(type_)
        with registry.switch_scope_and_registry(prefix or scope) as searched:
            names = self.registered_names(searched)
            self.problems.append(
                f'unknown type "{type_}" at "{path}": not in the '
                f'{searched.name} registry of scope {searched.scope}'
                f'{_closest(name, names)}')

    @staticmethod
    def registered_names(registry) -> List[str]:
        names = []
        while registry is not None:
            names += list(registry.module_dict)
            registry = registry.parent
        return names

    def keywords(
            self,
            obj,
            node: dict,
            path: str,
            extra: Tuple[str, ...] = (),
            kwargs_to_base: Tuple[str, ...] = KWARGS_TO_BASE_PACKAGES) -> None:
        """Keys of ``node`` that ``obj`` cannot take, and values of a kind
        its parameters cannot be (see :func:`accepted_keywords`)."""
        params, takes_any = accepted_keywords(obj, kwargs_to_base)
        name = getattr(obj, '__name__', repr(obj))
        if obj in KWARGS_BUILD_ANOTHER:
            type_key, default, registry, supplied = KWARGS_BUILD_ANOTHER[obj]
            other = self.resolve(
                node.get(type_key, default), f'{path}.{type_key}', registry)
            if other is None:
                return
            rest = {
                key: value
                for key, value in node.items()
                if key not in params and key not in supplied
            }
            self.keywords(other, rest, path, extra, kwargs_to_base)
            node = {key: node[key] for key in node if key in params}
            takes_any = False
        for key, value in node.items():
            if key in ('type', '_scope_') or key in extra:
                continue
            if key not in params:
                if not takes_any:
                    self.problems.append(
                        f'unknown key "{path}.{key}" for {name}'
                        f'{_closest(key, list(params) + list(extra))}')
                continue
            wrong = value_problem(value, params[key])
            if wrong:
                self.problems.append(
                    f'wrong type for "{path}.{key}" of {name}: {wrong}, '
                    f'got {_describe(value)}')

    def nested(self, obj, node: dict, path: str, registry) -> None:
        """Follows the nested configs whose builder is known."""
        builds_models = registry is MODELS or getattr(
            obj, '__module__', '').startswith('vosgan_mm.')
        for key, value in node.items():
            child = f'{path}.{key}'
            if key == 'init_cfg':
                self.components(value, child, WEIGHT_INITIALIZERS)
            elif (registry, key) in NESTED_SLOTS:
                self.components(value, child, NESTED_SLOTS[registry, key])
            elif builds_models and key != '_scope_':
                extra = ('requires_grad', ) if key.endswith('norm_cfg') \
                    else ()
                self.components(value, child, MODELS, extra=extra)

    # ------------------------------------------------- places in a config
    def dataloader(self, node, path: str) -> None:
        if not isinstance(node, dict):
            return
        self.keywords(DataLoader, node, path, DATALOADER_KEYS)
        self.component(node.get('dataset'), f'{path}.dataset', DATASETS)
        for key in ('sampler', 'batch_sampler'):
            self.component(node.get(key), f'{path}.{key}', DATA_SAMPLERS)
        for key in ('collate_fn', 'worker_init_fn'):
            self.component(node.get(key), f'{path}.{key}', FUNCTIONS)

    def loops(self, cfg: dict) -> None:
        train = cfg.get('train_cfg')
        if isinstance(train, dict) and 'type' not in train:
            loop = EpochBasedTrainLoop if train.get('by_epoch') else \
                IterBasedTrainLoop
            self.keywords(loop, train, 'train_cfg', ('by_epoch', ))
        else:
            self.component(train, 'train_cfg', LOOPS)
        self.component(cfg.get('val_cfg'), 'val_cfg', LOOPS, ValLoop)
        self.component(cfg.get('test_cfg'), 'test_cfg', LOOPS, TestLoop)

    def optim_wrapper(self, node, path: str) -> None:
        if not isinstance(node, dict):
            return
        constructor = self.resolve(
            node.get('constructor', 'DefaultOptimWrapperConstructor'),
            f'{path}.constructor', OPTIM_WRAPPER_CONSTRUCTORS)
        if not inspect.isclass(constructor):
            return
        if issubclass(constructor, MultiOptimWrapperConstructor):
            for name, sub in node.items():
                if name != 'constructor':
                    self.component(sub, f'{path}.{name}', OPTIM_WRAPPERS,
                                   'OptimWrapper')
        elif issubclass(constructor, DefaultOptimWrapperConstructor):
            self.component(node, path, OPTIM_WRAPPERS, 'OptimWrapper')

    def schedulers(self, node, path: str) -> None:
        if isinstance(node, dict) and 'type' not in node:
            for name, sub in node.items():  # one list per optimizer
                self.components(sub, f'{path}.{name}', PARAM_SCHEDULERS)
        else:
            self.components(node, path, PARAM_SCHEDULERS)

    def evaluator(self, node, path: str) -> None:
        if isinstance(node, dict) and 'metrics' in node:
            self.component(node, path, EVALUATOR, 'Evaluator')
        else:
            self.components(node, path, METRICS)

    def runtime(self, cfg: dict) -> None:
        hooks = cfg.get('default_hooks')
        if isinstance(hooks, dict):
            for name, hook in hooks.items():
                self.component(hook, f'default_hooks.{name}', HOOKS)
        self.components(cfg.get('custom_hooks'), 'custom_hooks', HOOKS)
        self.component(cfg.get('visualizer'), 'visualizer', VISUALIZERS)
        self.component(
            cfg.get('log_processor'), 'log_processor', LOG_PROCESSORS,
            'LogProcessor')
        self.component(
            cfg.get('model_wrapper_cfg'), 'model_wrapper_cfg', MODEL_WRAPPERS,
            'MMDistributedDataParallel')
        randomness = cfg.get('randomness')
        if isinstance(randomness, dict):
            self.keywords(Runner.set_randomness, randomness, 'randomness')
        env = cfg.get('env_cfg')
        for key in env if isinstance(env, dict) else ():
            if key not in ENV_KEYS:
                self.problems.append(f'unknown key "env_cfg.{key}"'
                                     f'{_closest(key, ENV_KEYS)}')


def top_level_problems(cfg: dict) -> List[str]:
    """Top-level keys that the Runner does not read but that are a near
    miss of one it does (``trian_cfg``): most likely misspelt. Other
    unknown keys may be the config's own helper variables (``val_dataset``,
    ``model_cfg``): they are logged as a warning, with the closest known
    name if any, not refused (a leading "_" silences the warning)."""
    known = RUNNER_KEYS + TOOL_KEYS + OPENMMLAB_CONFIG_VARIABLES
    problems = []
    for key in cfg:
        if key in known or key.startswith('_'):
            continue
        near_miss = _closest(key, RUNNER_KEYS + TOOL_KEYS, cutoff=0.85)
        if near_miss:
            problems.append(f'unknown top-level key "{key}"{near_miss}')
        else:
            print_log(
                f'top-level config key "{key}" is not read by the Runner'
                f'{_closest(key, known)} (fine for a helper variable; name '
                f'it "_{key}" to silence this)',
                logger='current',
                level=logging.WARNING)
    return problems


def config_problems(cfg: Config) -> List[str]:
    """Every problem :func:`check_config` finds, one line each."""
    cfg_dict = cfg._cfg_dict if isinstance(cfg, Config) else cfg
    scope = cfg_dict.get('default_scope') or 'mmengine'
    return top_level_problems(cfg_dict) + ComponentChecker(scope).check(
        cfg_dict)
