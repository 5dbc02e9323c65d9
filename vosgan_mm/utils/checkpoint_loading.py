"""Clear errors for a file that is not a checkpoint, or whose weights do not
fit the model, on every path that reads one.

- :func:`load_from_local_file` reads a local checkpoint weights-only. A file
  torch cannot read that way (random bytes, a text file, a truncated file, a
  pickle that would run code) or that holds no dict is a
  :class:`CheckpointError` naming the file. The checkpoint comes back as a
  :class:`Checkpoint`, whose missing entries (e.g. ``meta`` when resuming
  from a file of weights only) are errors naming the file and the entries
  it has. Every reader of this package calls it: the Runner
  (:class:`~vosgan_mm.engine.VOSGANRunner`: resume, ``load_from``,
  ``tools/test.py``), ``StrictPretrained`` initialisation and
  :func:`load_weights_file` (the generation and segmentation APIs, the
  metric classifiers).
- :func:`check_weights` compares a state dict with a model's before any
  weight is copied: missing keys, unexpected keys and shape mismatches are
  one :class:`CheckpointError` listing them (the first ten of each and
  their number) and naming the file.
"""
import os.path as osp
import pickle
from typing import List, Mapping, Tuple

import torch
import torch.nn as nn

MAX_LISTED = 10
TRAINING_ENTRIES = 'meta, state_dict, message_hub and optimizer'


class CheckpointError(RuntimeError):
    """A file is not a checkpoint, or its weights do not fit the model."""


class MissingCheckpointEntry(CheckpointError, KeyError):
    """A checkpoint lacks an entry its reader needs (a ``KeyError`` too)."""

    def __str__(self) -> str:
        return RuntimeError.__str__(self)


class Checkpoint(dict):
    """A loaded checkpoint that names its file when an entry is missing.

    Args:
        contents (dict): What the file holds.
        filename (str): The file.
    """

    def __init__(self, contents: dict, filename: str):
        super().__init__(contents)
        self.filename = filename

    def __missing__(self, key):
        raise MissingCheckpointEntry(
            f'checkpoint {self.filename} has no "{key}" entry (it has: '
            f'{", ".join(map(str, self)) or "nothing"}); one saved by the '
            f'Runner during training has {TRAINING_ENTRIES}')


def _reason(err: Exception) -> str:
    """The useful part of torch's message on a file it cannot load."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    if isinstance(err, pickle.UnpicklingError) and lines and \
            lines[0].startswith('Weights only load failed'):
        detail = [
            line for line in lines[1:]
            if not line.startswith(('Please file an issue', 'Check the'))
        ]
        return 'the weights-only unpickler refused it: ' + ' '.join(
            detail).replace('WeightsUnpickler error: ', '')
    return f'{type(err).__name__}: {lines[0] if lines else "no detail"}'


def load_from_local_file(filename: str, map_location=None) -> Checkpoint:
    """Loads a local checkpoint weights-only, with errors that name the
    file.

    Args:
        filename (str): Path of the file.
        map_location: As for :func:`torch.load`.

    Returns:
        Checkpoint: What the file holds.
    """
    filename = osp.expanduser(filename)
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint not found: {filename}')
    try:
        loaded = torch.load(
            filename, map_location=map_location, weights_only=True)
    except Exception as err:
        raise CheckpointError(f'{filename} is not a PyTorch checkpoint, or '
                              f'is damaged ({_reason(err)})') from err
    if not isinstance(loaded, dict):
        raise CheckpointError(
            f'{filename} holds a {type(loaded).__name__}, not a checkpoint '
            '(a dict with "state_dict")')
    return Checkpoint(loaded, filename)


def weights_of(checkpoint: Mapping, filename: str) -> Mapping:
    """The state dict of a checkpoint (or the checkpoint itself when it is
    a bare state dict); an error naming the file when it holds neither."""
    if 'state_dict' in checkpoint:
        return checkpoint['state_dict']
    if checkpoint and all(
            isinstance(v, torch.Tensor) for v in checkpoint.values()):
        return checkpoint
    raise CheckpointError(
        f'{filename} holds no model weights: it has no "state_dict" entry, '
        f'and its entries ({_listed(list(checkpoint)) or "none"}) are not '
        'weights')


def load_weights_file(module: nn.Module, filename: str) -> nn.Module:
    """Loads a file of weights (a checkpoint with ``state_dict``, or a bare
    state dict) into ``module`` weights-only and strictly, for networks
    loaded outside MMEngine's checkpoint path (e.g. the classifiers of IS
    and FCD). Every problem is a :class:`CheckpointError` naming the file
    (``FileNotFoundError`` for a missing one).

    Returns:
        nn.Module: ``module``.
    """
    checkpoint = load_from_local_file(filename, map_location='cpu')
    weights = weights_of(checkpoint, filename)
    check_weights(module.state_dict(), weights,
                  type(module).__name__, f'checkpoint {filename}')
    module.load_state_dict(weights, strict=True)
    return module


# ------------------------------------------------------------- mismatch
def state_dict_mismatch(
        expected: Mapping,
        found: Mapping) -> Tuple[List[str], List[str], List[str]]:
    """Keys of ``expected`` (the model's) missing from ``found``, keys of
    ``found`` it does not expect, and keys of another shape (described).
    A missing ``num_batches_tracked`` of batch norm is not counted (MMEngine
    ignores it too)."""
    missing = [
        k for k in expected
        if k not in found and not k.endswith('num_batches_tracked')
    ]
    unexpected = [k for k in found if k not in expected]
    wrong_shape = [
        f'{k}: {tuple(found[k].shape)} in the checkpoint, '
        f'{tuple(v.shape)} in the model' for k, v in expected.items()
        if k in found and isinstance(found[k], torch.Tensor)
        and isinstance(v, torch.Tensor) and found[k].shape != v.shape
    ]
    return missing, unexpected, wrong_shape


def _listed(items: List[str], separator: str = ', ') -> str:
    shown = separator.join(items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return f'{shown}{separator}... and {more} more' if more > 0 else shown


def mismatch_message(header: str, missing: List[str], unexpected: List[str],
                     wrong_shape: List[str]) -> str:
    """``header``, then for each kind of mismatch its number and its first
    ten keys, one a line."""
    kinds = [('missing keys', missing), ('unexpected keys', unexpected),
             ('keys of another shape', wrong_shape)]
    lines = [header + ':']
    for kind, keys in kinds:
        if keys:
            lines.append(f'  {kind} ({len(keys)}):')
            lines.append('    ' + _listed(keys, '\n    '))
    return '\n'.join(lines)


def check_weights(expected: Mapping, found: Mapping, model_name: str,
                  source: str) -> None:
    """Raises :class:`CheckpointError` unless ``found`` has exactly the
    keys and shapes of ``expected``.

    Args:
        expected (Mapping): The model's state dict.
        found (Mapping): The state dict to load.
        model_name (str): Named in the message.
        source (str): Where ``found`` comes from (e.g. ``checkpoint
            <file>``), named in the message.
    """
    missing, unexpected, wrong_shape = state_dict_mismatch(expected, found)
    if not (missing or unexpected or wrong_shape):
        return
    if not any(k in found
               for k in expected) and any(not isinstance(v, torch.Tensor)
                                          for v in found.values()):
        weights_of(found, source)  # a checkpoint without "state_dict"
    raise CheckpointError(
        mismatch_message(
            f'{source} does not fit {model_name} (a checkpoint of another '
            'model, version or width?)', missing, unexpected, wrong_shape))
