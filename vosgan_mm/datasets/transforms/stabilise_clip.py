import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from vosgan_mm.models.flow import FarnebackFlow
from vosgan_mm.models.flow.global_motion import (OPENCV_RANSAC_MAX_ITERS,
                                                 check_ransac_max_iters,
                                                 homographies_from_flow,
                                                 transforms_between_frames)
from vosgan_mm.registry import TRANSFORMS


@TRANSFORMS.register_module()
class StabiliseClip(BaseTransform):
    """Removes the camera's motion from a clip, as VGAN's golf videos were
    stabilised: every frame is warped onto the middle frame by the
    homography of the dominant motion between them (RANSAC on Farneback
    flow, no label; see :mod:`vosgan_mm.models.flow.global_motion`).

    Moving objects stay where they move; the background stands still as
    long as it covers most of the frame. Pixels a frame does not cover take
    the nearest covered pixel's value (OpenCV's replicated border), so a
    clip keeps its shape and no black band moves with the camera. Masks
    (``gt_masks``, ``gt_masks_small``) move with their frames (nearest
    neighbour, at their own resolution) and are extended the same way, so
    a label follows its pixel; a segmentation
    scored on a stabilised clip is scored in the middle frame's
    coordinates.

    Put it before ``ComputeFlowTarget``, so that the flow target is the
    stabilised clip's.

    Required keys: ``imgs`` (T frames (H, W, 3) uint8). Modified keys:
    ``imgs``, and ``gt_masks`` and ``gt_masks_small`` where present. Added
    key: ``stabilisation`` (T, 3, 3) float64, the homography that took
    each frame onto the middle one.

    Args:
        ransac_max_iters (int): the most RANSAC iterations of each frame
            pair's fit (:func:`homographies_from_flow`); the fits dominate
            the transform's cost. Defaults to 2000 (OpenCV's default).
    """

    def __init__(self, ransac_max_iters: int = OPENCV_RANSAC_MAX_ITERS):
        self.flow = FarnebackFlow()
        self.ransac_max_iters = check_ransac_max_iters(ransac_max_iters)

    def transform(self, results: dict) -> dict:
        frames = np.asarray(results['imgs'])
        if frames.ndim != 4 or frames.shape[-1] != 3 or len(frames) < 2:
            raise ValueError(
                'StabiliseClip needs imgs as (T, H, W, 3) with T >= 2, got '
                f'{tuple(frames.shape)}')
        to_first = transforms_between_frames(
            homographies_from_flow(
                self.flow.clip_flow(frames),
                ransac_max_iters=self.ransac_max_iters))
        middle = len(frames) // 2
        onto_middle = np.linalg.inv(to_first[middle]) @ to_first
        height, width = frames.shape[1:3]

        def warp(image, homography, interpolation):
            size = image.shape[1], image.shape[0]
            # the homography in the image's own pixels (masks may be kept
            # at another resolution than the frames), pixel centres onto
            # pixel centres
            scale = np.diag([size[0] / width, size[1] / height, 1.0])
            scale[:2, 2] = np.diag(scale)[:2] / 2 - 0.5
            return cv2.warpPerspective(
                image,
                scale @ homography @ np.linalg.inv(scale),
                size,
                flags=interpolation,
                borderMode=cv2.BORDER_REPLICATE)

        results['imgs'] = [
            warp(frame, h, cv2.INTER_LINEAR)
            for frame, h in zip(frames, onto_middle)
        ]
        for key in ('gt_masks', 'gt_masks_small'):
            if key in results:
                masks = np.asarray(results[key])
                dtype = masks.dtype
                results[key] = np.stack([
                    warp(mask.astype(np.float32), h, cv2.INTER_NEAREST)
                    for mask, h in zip(masks, onto_middle)
                ]).astype(dtype)
        results['stabilisation'] = onto_middle
        return results
