"""Per-frame measures of a binary foreground mask against ground truth.

- ``region_iou``: region similarity J, |P & G| / |P | G|.
- ``pixel_f_measure``: the VOS-GAN paper's pixelwise F-measure,
  2 * precision * recall / (precision + recall) over foreground pixels.
- ``boundary_f_measure``: DAVIS's contour accuracy F: boundary pixels of
  prediction and ground truth matched within a tolerance of
  ``ceil(bound_th * image diagonal)`` pixels (0.008 in the benchmark).

J and the pixel F score a frame where both masks are empty 1, and one
where only one of them is empty 0. The boundary F compares contours, as
DAVIS's evaluation does: a mask that is empty or fills the whole frame has
none, so two such masks (empty or full, in any pairing) score 1, and one of
them against a mask with a contour scores 0.
"""
import math

import cv2
import numpy as np


def _both_empty(pred: np.ndarray, gt: np.ndarray) -> bool:
    return not pred.any() and not gt.any()


def region_iou(pred: np.ndarray, gt: np.ndarray) -> float:
    """J of two (H, W) boolean masks."""
    if _both_empty(pred, gt):
        return 1.0
    return float(
        np.logical_and(pred, gt).sum() / np.logical_or(pred, gt).sum())


def _f_score(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def pixel_f_measure(pred: np.ndarray, gt: np.ndarray) -> float:
    """Pixelwise F-measure of two (H, W) boolean masks."""
    if _both_empty(pred, gt):
        return 1.0
    hits = np.logical_and(pred, gt).sum()
    precision = hits / pred.sum() if pred.any() else 0.0
    recall = hits / gt.sum() if gt.any() else 0.0
    return float(_f_score(precision, recall))


def mask_boundary(mask: np.ndarray) -> np.ndarray:
    """One-pixel-wide boundary of a boolean mask, as the DAVIS benchmark
    draws it: pixels that differ from their right, lower or lower-right
    neighbour. The image border is not a boundary."""
    right = np.zeros_like(mask)
    down = np.zeros_like(mask)
    diagonal = np.zeros_like(mask)
    right[:, :-1] = mask[:, 1:]
    down[:-1, :] = mask[1:, :]
    diagonal[:-1, :-1] = mask[1:, 1:]
    boundary = (mask ^ right) | (mask ^ down) | (mask ^ diagonal)
    boundary[-1, :] = mask[-1, :] ^ right[-1, :]
    boundary[:, -1] = mask[:, -1] ^ down[:, -1]
    boundary[-1, -1] = False
    return boundary


def disk(radius: int) -> np.ndarray:
    """Structuring element of the pixels within ``radius`` (x^2+y^2<=r^2)."""
    yy, xx = np.mgrid[-radius:radius + 1, -radius:radius + 1]
    return (xx**2 + yy**2 <= radius**2).astype(np.uint8)


def boundary_f_measure(pred: np.ndarray,
                       gt: np.ndarray,
                       bound_th: float = 0.008) -> float:
    """DAVIS boundary F-measure of two (H, W) boolean masks.

    Boundary pixels of each mask count as matched when a boundary pixel of
    the other lies within ``ceil(bound_th * diagonal)`` pixels (a disk).

    Args:
        bound_th (float): Tolerance as a fraction of the image diagonal
            (>= 1 means pixels). Defaults to 0.008.
    """
    pred_b, gt_b = mask_boundary(pred), mask_boundary(gt)
    if not (pred_b.any() and gt_b.any()):
        # a mask that is empty or fills the frame has no contour. DAVIS's
        # rule: a side without one has precision (prediction) or recall
        # (ground truth) 1 and leaves the other side's at 0, so F is 1
        # when neither has a contour and 0 when only one lacks it
        precision, recall = float(not pred_b.any()), float(not gt_b.any())
        return float(_f_score(precision, recall))
    h, w = gt.shape
    tolerance = int(bound_th) if bound_th >= 1 else math.ceil(
        bound_th * math.hypot(h, w))
    element = disk(tolerance)
    gt_near = cv2.dilate(gt_b.astype(np.uint8), element).astype(bool)
    pred_near = cv2.dilate(pred_b.astype(np.uint8), element).astype(bool)
    precision = (pred_b & gt_near).sum() / pred_b.sum()
    recall = (gt_b & pred_near).sum() / gt_b.sum()
    return float(_f_score(precision, recall))
