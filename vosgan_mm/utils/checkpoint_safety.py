"""Safe checkpoint loading.

PyTorch loads checkpoints in weights-only mode: unpickling may only build
allow-listed types, so a checkpoint cannot run code. Checkpoints written by
MMEngine's Runner also hold its ``HistoryBuffer`` (in the message hub) and
numpy arrays, scalars and dtypes; :func:`allow_mmengine_checkpoint_types`
adds just those types to the allow-list, so resume, ``load_from`` and
``Pretrained`` initialisation work without turning the check off.
"""
import numpy as np
import torch
from mmengine.logging import HistoryBuffer
from numpy._core.multiarray import _reconstruct, scalar


def mmengine_checkpoint_types() -> list:
    """The non-tensor types found in MMEngine checkpoints."""
    dtype_classes = [
        cls for cls in vars(np.dtypes).values()
        if isinstance(cls, type) and issubclass(cls, np.dtype)
    ]
    return [HistoryBuffer, np.ndarray, np.dtype, _reconstruct, scalar
            ] + dtype_classes


def allow_mmengine_checkpoint_types() -> None:
    """Adds the types MMEngine writes into checkpoints to the weights-only
    allow-list of ``torch.load`` (idempotent)."""
    torch.serialization.add_safe_globals(mmengine_checkpoint_types())
