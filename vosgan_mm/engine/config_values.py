"""Values a run cannot use, named by their dotted keys: sizes and counts
that must be positive (or, for worker processes, not negative), learning
rates and flow scales that must be positive, and loss weights that must not
be negative.

``config_validation`` checks names and kinds of value; these are the values
of the right kind that still make no sense (``base_channels=0`` builds
empty layers, ``max_iters=0`` trains nothing and exits as if it had).
"""
from numbers import Real
from typing import List


def builds_a(registry, name, cls: type) -> bool:
    """Whether a config's ``type`` (a name in ``registry`` or a class)
    builds ``cls`` or a subclass of it."""
    if isinstance(name, str) and name:
        try:
            name = registry.get(name)
        except (KeyError, RuntimeError):  # a scope or module not there
            return False
    return isinstance(name, type) and issubclass(name, cls)


# keys whose value is a count, anywhere in a config (``num_splits``: the
# splits of the inception score)
POSITIVE_INTEGER_KEYS = ('base_channels', 'batch_size', 'max_iters',
                         'max_epochs', 'num_clips', 'num_splits')
# counts where 0 means "none" (``num_workers=0`` loads in the main process)
NON_NEGATIVE_INTEGER_KEYS = ('num_workers', )
# a learning rate, and the pixels a frame that a flow target maps to 0 and 1
POSITIVE_NUMBER_KEYS = ('lr', 'max_displacement')
# dicts whose entries weight a loss term
WEIGHT_GROUPS = ('loss_weights', 'mask_prior_weights')


def _walk(node, path: str, problems: List[str]) -> None:
    if isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            _walk(item, f'{path}[{i}]', problems)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        where = f'{path}.{key}' if path else str(key)
        # a value of another kind is config_validation's to name
        number = isinstance(value, Real) and not isinstance(value, bool)
        integer = number and isinstance(value, int)
        if key in POSITIVE_INTEGER_KEYS and integer and value <= 0:
            problems.append(
                f'{where}: must be a positive integer, got {value!r}')
        elif key in NON_NEGATIVE_INTEGER_KEYS and integer and value < 0:
            problems.append(
                f'{where}: must be 0 or a positive integer, got {value!r}')
        elif key in POSITIVE_NUMBER_KEYS and number and value <= 0:
            problems.append(
                f'{where}: must be a positive number, got {value!r}')
        elif key in WEIGHT_GROUPS and isinstance(value, dict):
            problems += [
                f'{where}.{term}: a loss weight must be 0 or more, got '
                f'{weight!r}' for term, weight in value.items()
                if isinstance(weight, Real) and weight < 0
            ]
        else:
            _walk(value, where, problems)


def value_problems(cfg) -> List[str]:
    """The values of ``cfg`` that no run can use, each with its key."""
    problems: List[str] = []
    _walk(cfg._cfg_dict if hasattr(cfg, '_cfg_dict') else cfg, '', problems)
    return problems
