"""How far one optical flow field is from another."""
from typing import Optional

import numpy as np


def end_point_error(flow: np.ndarray,
                    reference: np.ndarray,
                    mask: Optional[np.ndarray] = None) -> float:
    """Mean Euclidean distance between two (..., 2) flow fields, over the
    pixels where ``mask`` (shape ``flow.shape[:-1]``) is true, or all."""
    if flow.shape != reference.shape or flow.shape[-1] != 2:
        raise ValueError('flows must share a (..., 2) shape, got '
                         f'{flow.shape} and {reference.shape}')
    error = np.sqrt(((flow - reference)**2).sum(-1))
    if mask is not None:
        if not mask.any():
            raise ValueError('the mask selects no pixel')
        error = error[mask]
    return float(error.mean())
