"""Safe checkpoint loading.

PyTorch loads checkpoints in weights-only mode: unpickling may only build
allow-listed types, so a checkpoint cannot run code. Checkpoints written by
MMEngine's Runner also hold its ``HistoryBuffer`` (in the message hub),
numpy arrays, scalars and dtypes, and references to the buffer's statistics
methods (pickled as ``getattr(HistoryBuffer, 'mean')``).
:func:`allow_mmengine_checkpoint_types` adds just those to the allow-list,
so resume, ``load_from`` and ``Pretrained`` initialisation work without
turning the check off. ``getattr`` itself is not allowed: the name is bound
to :func:`history_buffer_method`, which hands out only those methods.
"""
import numpy as np
import torch
from mmengine.logging import HistoryBuffer
from numpy._core.multiarray import _reconstruct, scalar

HISTORY_BUFFER_METHODS = ('min', 'max', 'current', 'mean')


def history_buffer_method(obj, name: str):
    """Stands for ``getattr`` while unpickling: only the statistics methods
    of ``HistoryBuffer`` may be looked up."""
    if obj is HistoryBuffer and name in HISTORY_BUFFER_METHODS:
        return getattr(obj, name)
    raise torch.serialization.pickle.UnpicklingError(
        f'checkpoint asks for attribute "{name}" of {obj!r}; only '
        f'HistoryBuffer.{{{",".join(HISTORY_BUFFER_METHODS)}}} are allowed')


def mmengine_checkpoint_types() -> list:
    """The non-tensor globals found in MMEngine checkpoints."""
    dtype_classes = [
        cls for cls in vars(np.dtypes).values()
        if isinstance(cls, type) and issubclass(cls, np.dtype)
    ]
    return [HistoryBuffer, np.ndarray, np.dtype, _reconstruct, scalar] + \
        dtype_classes + [(history_buffer_method, 'builtins.getattr')]


def allow_mmengine_checkpoint_types() -> None:
    """Adds the globals MMEngine writes into checkpoints to the weights-only
    allow-list of ``torch.load`` (idempotent)."""
    torch.serialization.add_safe_globals(mmengine_checkpoint_types())
