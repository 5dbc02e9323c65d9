"""The camera's motion between frames, estimated from optical flow with no
label: a homography fitted by RANSAC to the flow of a grid of pixels.

Moving objects are the outliers of the fit as long as the background covers
most of the frame, which is the case a camera-motion-compensated baseline
is for.
"""
from typing import Tuple

import cv2
import numpy as np

# OpenCV's own cap on RANSAC's iterations in cv2.findHomography
OPENCV_RANSAC_MAX_ITERS = 2000


def check_ransac_max_iters(value) -> int:
    """``value`` if it is a positive integer (RANSAC's iteration cap);
    otherwise a ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            f'ransac_max_iters must be a positive integer, got {value!r}')
    return value


def homographies_from_flow(
        flow: np.ndarray,
        grid_step: int = 2,
        ransac_threshold: float = 0.1,
        ransac_max_iters: int = OPENCV_RANSAC_MAX_ITERS) -> np.ndarray:
    """Homographies of the dominant motion of each frame pair.

    Args:
        flow (np.ndarray): (T-1, H, W, 2) flow in pixels, (x, y), from frame
            t to frame t+1.
        grid_step (int): Pixels between the grid points the fit reads.
        ransac_threshold (float): RANSAC's inlier distance in pixels.
        ransac_max_iters (int): the most RANSAC iterations of each fit
            (OpenCV's default, 2,000). At a 0.1-pixel inlier distance few
            grid points of a textured clip are inliers, so each fit runs
            to this cap: it sets the cost of a fit.

    Returns:
        np.ndarray: (T-1, 3, 3) float64; ``H[t]`` maps a point of frame t to
        its place in frame t+1. A pair whose fit fails gets the identity.
    """
    check_ransac_max_iters(ransac_max_iters)
    if flow.ndim != 4 or flow.shape[-1] != 2:
        raise ValueError(
            f'flow must be (T-1, H, W, 2), got {tuple(flow.shape)}')
    height, width = flow.shape[1:3]
    ys, xs = np.mgrid[0:height:grid_step, 0:width:grid_step]
    points = np.stack([xs.ravel(), ys.ravel()], 1).astype(np.float32)
    homographies = np.tile(np.eye(3), (len(flow), 1, 1))
    for t, pair in enumerate(flow):
        moved = points + pair[ys.ravel(), xs.ravel()]
        found, _ = cv2.findHomography(
            points,
            moved,
            cv2.RANSAC,
            ransac_threshold,
            maxIters=ransac_max_iters)
        if found is not None and np.isfinite(found).all():
            homographies[t] = found
    return homographies


def transforms_between_frames(homographies: np.ndarray) -> np.ndarray:
    """(T-1, 3, 3) consecutive homographies -> (T, 3, 3) maps ``A[t]`` from
    frame t to frame 0, so that ``inv(A[u]) @ A[t]`` maps frame t to frame
    u."""
    to_first = [np.eye(3)]
    for step in homographies:  # frame t+1 -> frame 0 = (t -> 0)(t+1 -> t)
        to_first.append(to_first[-1] @ np.linalg.inv(step))
    return np.stack(to_first)


def displacement_field(homography: np.ndarray,
                       shape: Tuple[int, int]) -> np.ndarray:
    """(H, W, 2) displacement (x, y) in pixels that ``homography`` gives
    each pixel of an (H, W) frame."""
    height, width = shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    points = np.stack([xs, ys, np.ones_like(xs)], -1) @ homography.T
    moved = points[..., :2] / points[..., 2:]
    return (moved - np.stack([xs, ys], -1)).astype(np.float32)


def homography_distance(first: np.ndarray, second: np.ndarray,
                        shape: Tuple[int, int]) -> float:
    """Mean distance in pixels between where two homographies put the
    pixels of an (H, W) frame: 0 when they agree on the frame, the length
    of the shift when they differ by a translation."""
    gap = displacement_field(first, shape) - displacement_field(second, shape)
    return float(np.sqrt((gap.astype(np.float64)**2).sum(-1)).mean())


def warp_into(image: np.ndarray, homography: np.ndarray,
              shape: Tuple[int, int]) -> Tuple[np.ndarray, np.ndarray]:
    """``image`` moved by ``homography`` (its frame -> the target frame)
    onto an (H, W) target, bilinear, and the (H, W) bool map of target
    pixels it covers."""
    height, width = shape
    warped = cv2.warpPerspective(
        image, homography, (width, height), flags=cv2.INTER_LINEAR)
    covered = cv2.warpPerspective(
        np.ones(image.shape[:2], np.uint8),
        homography, (width, height),
        flags=cv2.INTER_NEAREST) > 0
    return warped, covered
