"""Checks a config against the components it names, before anything is
built, for what MMEngine does not check itself: a misspelt key, a value of
the wrong kind or an unknown ``type`` is an error naming its dotted key and
the closest valid name, not a surprise hours into a run (or a key silently
ignored).

Each dict with a ``type`` is resolved in the config's ``default_scope`` (or
its ``_scope_``) through the registry that holds the name, which gives the
class the Runner builds (a name is in one registry of a scope). Its keys
are checked against the ``__init__`` signature of the class (or the
function's):

- a class of this package names all of its keys: its own parameters,
  those of the bases its ``**kwargs`` go to (our convention) and those its
  builder reads beside (a hook's ``priority``, an optimizer wrapper's
  ``paramwise_cfg``: the builder's other parameters); another key is an
  error;
- a class of another package may read keys its signature does not name
  (through ``**kwargs``, or its builder's: ``by_epoch``, ``requires_grad``,
  ``convert_to_iter_based``...): only a near miss of one of its
  parameters (``intervall``) is an error.

Values are checked against the parameter's annotation where the parameter
is this package's (``int``, ``float``, ``bool``, ``str``, ``Optional``,
``Sequence[int]``, ``Tuple[int, int]``, ``Literal``...; classes and
callables are not checked), elsewhere only a str given for a number or a
bool default is an error.

At the top level, the Runner's arguments (``Runner.__init__``) are checked
this way, a dict without ``type`` against what the Runner builds it with (a
dataloader: ``DataLoader``); a key that is not one of them but a near miss
(``trian_cfg``) is an error; any other key is the config's own (a helper
variable, or a key MMEngine reads elsewhere) and is left alone.
"""
import collections.abc
import difflib
import inspect
import types
import typing
from typing import Any, Dict, Iterable, List, Optional, Tuple

from mmengine.config import Config
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapper
from mmengine.registry import DefaultScope, Registry
from mmengine.runner import (EpochBasedTrainLoop, IterBasedTrainLoop,
                             LogProcessor, Runner, TestLoop, ValLoop)
from torch.utils.data import DataLoader

from vosgan_mm import registry as vosgan_registry
from vosgan_mm.registry import HOOKS, OPTIM_WRAPPERS

PACKAGE = __name__.split('.')[0]
REGISTRIES = [
    r for r in vars(vosgan_registry).values()
    if isinstance(r, Registry) and r.scope == vosgan_registry.SCOPE
]
RUNNER_ARGS = tuple(
    name for name in inspect.signature(Runner.__init__).parameters
    if name not in ('self', 'cfg'))
# what the Runner builds a dict without ``type`` with (``train_cfg``: an
# epoch or iteration loop, after its ``by_epoch``)
DEFAULT_BUILDS = {
    'train_dataloader': DataLoader,
    'val_dataloader': DataLoader,
    'test_dataloader': DataLoader,
    'val_cfg': ValLoop,
    'test_cfg': TestLoop,
    'log_processor': LogProcessor,
    'randomness': Runner.set_randomness,
}
# the builder of a registry's components where it reads keys of their
# config beside the class's: its parameters after (self, config)
BUILDERS = {
    HOOKS: Runner.register_hook,
    OPTIM_WRAPPERS: DefaultOptimWrapperConstructor.__init__
}
# how close an unknown key must be to a known name to be taken for a typo
# where unknown keys may be right (a class of another package, the top
# level)
NEAR_MISS = 0.85


def _closest(name: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    match = difflib.get_close_matches(
        str(name), list(candidates), n=1, cutoff=cutoff)
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


def _ours(obj) -> bool:
    return (getattr(obj, '__module__', None) or '').split('.')[0] == PACKAGE


# ------------------------------------------------------------- signatures
def _own_parameters(func, method: bool = False) -> Optional[tuple]:
    """The keyword parameters of ``func`` (without ``self`` for a method;
    annotations only where ``func`` is this package's) and whether it takes
    ``**kwargs``; None where its signature cannot be read."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    params, var_keyword = {}, False
    for name, param in list(sig.parameters.items())[int(method):]:
        if param.kind == param.VAR_KEYWORD:
            var_keyword = True
        elif param.kind in (param.POSITIONAL_OR_KEYWORD, param.KEYWORD_ONLY):
            params[name] = param if _ours(func) else param.replace(
                annotation=param.empty)
    return params, var_keyword


def accepted_keywords(obj) -> Tuple[Dict[str, inspect.Parameter], bool]:
    """The keyword parameters of a function, or of a class's ``__init__``
    and of the bases its ``**kwargs`` go on to, and whether a key they do
    not name may still be right: only a class of this package, whose
    ``**kwargs`` go to its base and end at a signature without them, names
    all of its keys. A class of this package whose ``**kwargs`` end in
    another package's ``**kwargs`` names where those go in its attribute
    ``kwargs_end_in`` (functions whose parameters they are)."""
    if not inspect.isclass(obj):
        found = _own_parameters(obj)
        return ({}, True) if found is None else (found[0],
                                                 found[1] or not _ours(obj))
    params: Dict[str, inspect.Parameter] = {}
    closed = _ours(obj)
    for cls in obj.__mro__[:-1]:  # not object
        if '__init__' not in vars(cls):
            continue
        found = _own_parameters(cls.__init__, method=True)
        if found is None:
            return params, True
        for name, param in found[0].items():
            params.setdefault(name, param)
        if not found[1]:
            return params, not closed
        if closed and not _ours(cls) and hasattr(obj, 'kwargs_end_in'):
            for func in obj.kwargs_end_in:
                ends, _ = _own_parameters(func, method=True)
                for name, param in ends.items():
                    params.setdefault(name, param)
            return params, False
        closed = closed and _ours(cls)  # another's **kwargs go anywhere
    return params, True


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
def _registered_names(registry) -> List[str]:
    names = []
    while registry is not None:
        names += list(registry.module_dict)
        registry = registry.parent
    return names


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
            for key in RUNNER_ARGS:
                node = cfg.get(key)
                default = DEFAULT_BUILDS.get(key)
                if key == 'train_cfg' and isinstance(node, dict):
                    default = EpochBasedTrainLoop if node.get(
                        'by_epoch') else IterBasedTrainLoop
                if key == 'optim_wrapper':
                    self.optim_wrapper(node)
                else:
                    self.component(node, key, default)
        return self.problems

    def component(self, node, path: str, default=None, extra=()) -> None:
        """Checks every dict with a ``type`` in ``node`` (``node`` itself
        built with ``default`` where it has none)."""
        if isinstance(node, (list, tuple)):
            for i, item in enumerate(node):
                self.component(item, f'{path}.{i}')
            return
        if not isinstance(node, dict):
            return
        if 'type' in node or default is not None:
            found = self.resolve(
                node.get('type', default), f'{path}.type', node.get('_scope_'))
            if found is None:
                return
            obj, registry = found
            if registry in BUILDERS:
                extra = tuple(extra) + tuple(
                    inspect.signature(BUILDERS[registry]).parameters)[2:]
            self.keywords(obj, node, path, extra)
        for key, value in node.items():
            if key not in ('type', '_scope_'):
                self.component(value, f'{path}.{key}')

    def resolve(self, type_, path: str, scope=None) -> Optional[tuple]:
        """The class or function ``type_`` names and the registry that
        holds it (None for a class given as such), or None (with a problem
        recorded where the name is unknown)."""
        if not isinstance(type_, str):
            return (type_, None) if callable(type_) else None
        for registry in REGISTRIES:
            with registry.switch_scope_and_registry(scope) as found_in:
                try:
                    obj = found_in.get(type_)
                except ImportError:  # MMAction2's functions' location
                    obj = None
            if obj is not None:
                return obj, registry
        prefix, name = Registry.split_scope_key(type_)
        holders = {}  # registered name -> the registry searched for it
        for registry in REGISTRIES:
            with registry.switch_scope_and_registry(prefix or scope) as found:
                for known in _registered_names(found):
                    holders.setdefault(known, found)
        match = difflib.get_close_matches(name, list(holders), n=1)
        problem = f'unknown type "{type_}" at "{path}": '
        if match:
            found = holders[match[0]]
            problem += (f'not in the {found.name} registry of scope '
                        f'{found.scope} (did you mean "{match[0]}"?)')
        else:
            problem += ('in no registry of scope '
                        f'{prefix or scope or self.default_scope}')
        self.problems.append(problem)
        return None

    def keywords(self, obj, node: dict, path: str, extra=()) -> None:
        """Keys of ``node`` that ``obj`` cannot take, and values of a kind
        its parameters cannot be (see :func:`accepted_keywords`)."""
        params, takes_more = accepted_keywords(obj)
        name = getattr(obj, '__name__', repr(obj))
        for key, value in node.items():
            if key in ('type', '_scope_') or key in extra:
                continue
            if key in params:
                wrong = value_problem(value, params[key])
                if wrong:
                    self.problems.append(
                        f'wrong type for "{path}.{key}" of {name}: {wrong}, '
                        f'got {_describe(value)}')
                continue
            hint = _closest(
                key,
                list(params) + list(extra),
                cutoff=NEAR_MISS if takes_more else 0.6)
            if hint or not takes_more:
                self.problems.append(
                    f'unknown key "{path}.{key}" for {name}{hint}')

    def optim_wrapper(self, node) -> None:
        """One optimizer wrapper (it has an ``optimizer``), or one for each
        network (``MultiOptimWrapperConstructor``); the Runner reads
        ``constructor`` beside."""
        if not isinstance(node, dict):
            return
        if 'constructor' in node:
            self.resolve(node['constructor'], 'optim_wrapper.constructor')
        if 'optimizer' in node or 'type' in node:
            self.component(node, 'optim_wrapper', OptimWrapper,
                           ('constructor', ))
            return
        for name, wrapper in node.items():
            if isinstance(wrapper, dict):
                self.component(wrapper, f'optim_wrapper.{name}', OptimWrapper)


def top_level_problems(cfg: dict) -> List[str]:
    """Top-level keys that the Runner does not take but that are a near
    miss of one it does (``trian_cfg``): most likely misspelt. A key
    starting with "_" is a helper variable."""
    problems = []
    for key in cfg:
        if key in RUNNER_ARGS or key.startswith('_'):
            continue
        near_miss = _closest(key, RUNNER_ARGS, cutoff=NEAR_MISS)
        if near_miss:
            problems.append(f'unknown top-level key "{key}"{near_miss}')
    return problems


def config_problems(cfg: Config) -> List[str]:
    """Every problem :func:`check_config` finds, one line each."""
    cfg_dict = cfg._cfg_dict if isinstance(cfg, Config) else cfg
    scope = cfg_dict.get('default_scope') or 'mmengine'
    return top_level_problems(cfg_dict) + ComponentChecker(scope).check(
        cfg_dict)
