"""Per-frame measures of a binary foreground mask against ground truth.

- ``region_iou``: region similarity J, |P & G| / |P | G|.
- ``pixel_f_measure``: the VOS-GAN paper's pixelwise F-measure,
  2 * precision * recall / (precision + recall) over foreground pixels.
- ``boundary_f_measure``: DAVIS's contour accuracy F: boundary pixels of
  prediction and ground truth matched within a tolerance of
  ``ceil(bound_th * image diagonal)`` pixels (0.008 in the benchmark).

A frame where both masks are empty scores 1 on every measure; where only
one of them is empty, 0.
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
    """One-pixel-wide boundary of a boolean mask: the mask's pixels with a
    4-neighbour outside it (the image border counts as outside)."""
    padded = np.pad(mask, 1, constant_values=False)
    interior = (
        padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2]
        & padded[1:-1, 2:])
    return mask & ~interior


def boundary_f_measure(pred: np.ndarray,
                       gt: np.ndarray,
                       bound_th: float = 0.008) -> float:
    """DAVIS boundary F-measure of two (H, W) boolean masks.

    Args:
        bound_th (float): Tolerance as a fraction of the image diagonal
            (>= 1 means pixels). Defaults to 0.008.
    """
    if _both_empty(pred, gt):
        return 1.0
    h, w = gt.shape
    tolerance = bound_th if bound_th >= 1 else math.ceil(bound_th *
                                                         math.hypot(h, w))
    pred_b, gt_b = mask_boundary(pred), mask_boundary(gt)
    disk = cv2.getStructuringElement(cv2.MORPH_ELLIPSE,
                                     (2 * tolerance + 1, 2 * tolerance + 1))
    gt_near = cv2.dilate(gt_b.astype(np.uint8), disk).astype(bool)
    pred_near = cv2.dilate(pred_b.astype(np.uint8), disk).astype(bool)
    precision = (pred_b & gt_near).sum() / pred_b.sum() if pred_b.any() \
        else 0.0
    recall = (gt_b & pred_near).sum() / gt_b.sum() if gt_b.any() else 0.0
    return float(_f_score(precision, recall))
