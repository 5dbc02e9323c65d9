"""A still figure that sets segmentations of the same frames side by side."""
from typing import Dict, Sequence

import cv2
import numpy as np

from .video_grid import overlay_mask

GAP = 4  # pixels of white between cells


def _label(image: np.ndarray, text: str) -> np.ndarray:
    """Writes ``text`` in the top-left corner, white on a black band."""
    scale = max(image.shape[0] / 400, 0.4)
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 1)
    image[:h + base + 6, :w + 8] = 0
    cv2.putText(image, text, (4, h + 3), cv2.FONT_HERSHEY_SIMPLEX, scale,
                (255, 255, 255), 1, cv2.LINE_AA)
    return image


def mask_comparison_grid(frames: Sequence[np.ndarray],
                         masks: Dict[str, Sequence[np.ndarray]],
                         frame_ids: Sequence[int],
                         scale: float = 1.0) -> np.ndarray:
    """One row per frame, one column per segmentation: each cell is the
    frame with that segmentation's foreground tinted red and outlined
    (:func:`overlay_mask`), labelled with its name and frame number.

    Args:
        frames (list[np.ndarray]): (H, W, 3) uint8 RGB frames.
        masks (dict): name -> one (H, W) uint8 mask (foreground > 0) per
            frame, in column order.
        frame_ids (list[int]): The frames' numbers, for the labels.
        scale (float): Resize factor of each cell. Defaults to 1.

    Returns:
        np.ndarray: (rows * h + gaps, columns * w + gaps, 3) uint8 RGB.
    """
    rows = []
    for index, (frame, frame_id) in enumerate(zip(frames, frame_ids)):
        cells = []
        for name, name_masks in masks.items():
            mask = (np.asarray(name_masks[index]) > 0).astype(np.uint8)
            cell = overlay_mask(frame, mask)
            if scale != 1:
                cell = cv2.resize(
                    cell,
                    None,
                    fx=scale,
                    fy=scale,
                    interpolation=cv2.INTER_AREA)
            cells.append(_label(cell, f'{name}, frame {frame_id}'))
        gap = np.full((cells[0].shape[0], GAP, 3), 255, np.uint8)
        rows.append(
            np.concatenate(
                [part for cell in cells for part in (cell, gap)][:-1], axis=1))
    gap = np.full((GAP, rows[0].shape[1], 3), 255, np.uint8)
    return np.concatenate(
        [part for row in rows for part in (row, gap)][:-1], axis=0)
