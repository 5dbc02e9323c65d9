import cv2
import numpy as np


def otsu_foreground(values: np.ndarray, top: float) -> np.ndarray:
    """Otsu's threshold of one frame's values (H, W) in [0, ``top``],
    quantised to 256 levels: the boolean foreground above it."""
    levels = np.round(255 * np.clip(values / top, 0, 1)).astype(np.uint8)
    _, binary = cv2.threshold(levels, 0, 1,
                              cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary.astype(bool)
