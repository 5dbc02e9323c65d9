from typing import Union

import cv2
import numpy as np

OTSU = 'otsu'


def otsu_foreground(values: np.ndarray, top: float) -> np.ndarray:
    """Otsu's threshold of one frame's values (H, W) in [0, ``top``],
    quantised to 256 levels: the boolean foreground above it."""
    levels = np.round(255 * np.clip(values / top, 0, 1)).astype(np.uint8)
    _, binary = cv2.threshold(levels, 0, 1,
                              cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary.astype(bool)


def threshold_probabilities(prob: np.ndarray,
                            threshold: Union[float, str]) -> np.ndarray:
    """The boolean foreground of one frame's probability map (H, W): above
    ``threshold``, or above Otsu's threshold of this frame's map when it is
    ``'otsu'``."""
    if threshold == OTSU:
        return otsu_foreground(prob, 1.0)
    return prob > threshold
