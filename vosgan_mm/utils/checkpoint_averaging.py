"""The average of the weights of several checkpoints of one run.

Averaging the last few checkpoints of a training run (as the averaging
scripts of machine-translation toolkits do, or stochastic weight averaging
without its schedule) smooths the swings of a GAN's discriminator from one
checkpoint to the next; the README's longer sprite recipe measures it.
"""
from typing import Dict, List, Mapping, Sequence

import torch

from .checkpoint_loading import CheckpointError


def average_weights(state_dicts: Sequence[Mapping[str, torch.Tensor]],
                    names: Sequence[str]) -> Dict[str, torch.Tensor]:
    """The element-wise mean of state dicts with the same keys and shapes.

    Floating-point tensors (weights, biases, batch norm's running
    statistics) are averaged in float64 and returned in their own dtype;
    other tensors (batch norm's ``num_batches_tracked``) are taken from the
    last state dict, the latest checkpoint when they come in order.

    Args:
        state_dicts (Sequence[Mapping]): At least one state dict.
        names (Sequence[str]): Where each came from, for the errors.

    Returns:
        dict: The averaged state dict, keys in the first one's order.
    """
    if not state_dicts:
        raise CheckpointError('no checkpoint to average')
    first, first_name = state_dicts[0], names[0]
    for weights, name in zip(state_dicts[1:], names[1:]):
        missing = [key for key in first if key not in weights]
        extra = [key for key in weights if key not in first]
        if missing or extra:
            raise CheckpointError(
                f'{name} does not have the weights of {first_name}: ' +
                _difference(missing, extra))
        for key, value in first.items():
            if weights[key].shape != value.shape:
                raise CheckpointError(
                    f'{name} has {key} of shape {tuple(weights[key].shape)}'
                    f', {first_name} of shape {tuple(value.shape)}')
    averaged = {}
    for key, value in first.items():
        if value.is_floating_point():
            total = sum(weights[key].double() for weights in state_dicts)
            averaged[key] = (total / len(state_dicts)).to(value.dtype)
        else:
            averaged[key] = state_dicts[-1][key].clone()
    return averaged


def _difference(missing: List[str], extra: List[str]) -> str:
    parts = []
    if missing:
        parts.append(f'{len(missing)} missing (first: {missing[0]})')
    if extra:
        parts.append(f'{len(extra)} unexpected (first: {extra[0]})')
    return ', '.join(parts)
