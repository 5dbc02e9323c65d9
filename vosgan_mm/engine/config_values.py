"""Values a run cannot use, named by their dotted keys: sizes and counts
that must be positive, loss weights that must not be negative.

``config_validation`` checks names and kinds of value; these are the values
of the right kind that still make no sense (``base_channels=0`` builds
empty layers, ``max_iters=0`` trains nothing and exits as if it had).
"""
from numbers import Real
from typing import List

# keys whose value is a count, anywhere in a config
POSITIVE_INTEGER_KEYS = ('base_channels', 'batch_size', 'max_iters',
                         'max_epochs')
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
        if key in POSITIVE_INTEGER_KEYS and isinstance(
                value, int) and not isinstance(value, bool) and value <= 0:
            problems.append(
                f'{where}: must be a positive integer, got {value!r}')
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
