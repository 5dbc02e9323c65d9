from typing import Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError


@TRANSFORMS.register_module()
class LoadShotFrames(BaseTransform):
    """Reads the frames of a shot and resizes them for the network.

    Required keys: ``frame_paths``. Added keys: ``imgs`` (T frames
    (h, w, 3) uint8 RGB at ``size``), ``ori_shape`` (H, W) of the frames.

    Args:
        size (tuple): (h, w) for the network. Defaults to (64, 64).
    """

    def __init__(self, size: Tuple[int, int] = (64, 64)):
        self.size = tuple(size)

    def transform(self, results: dict) -> dict:
        imgs, ori_shape = [], None
        cache = {}
        for path in results['frame_paths']:
            if path not in cache:  # a padded shot repeats its last frame
                frame = cv2.imread(path, cv2.IMREAD_COLOR)
                if frame is None:
                    raise VideoDataError(f'{path}: cannot read the frame')
                if ori_shape is None:
                    ori_shape = frame.shape[:2]
                elif frame.shape[:2] != ori_shape:
                    raise VideoDataError(
                        f'{path}: frame size {frame.shape[:2]} differs from '
                        f'the sequence\'s {ori_shape}')
                small = cv2.resize(
                    frame, self.size[::-1], interpolation=cv2.INTER_AREA)
                cache[path] = np.ascontiguousarray(small[..., ::-1])
            imgs.append(cache[path])
        results['imgs'] = imgs
        results['ori_shape'] = ori_shape
        return results


@TRANSFORMS.register_module()
class LoadShotMasks(BaseTransform):
    """Reads the ground-truth masks of a shot.

    A frame's masks (several objects) are united: a pixel is foreground if
    any mask is non-zero there. Ground truth stays at full size for the
    metric; a copy at the network's size serves as training target.

    Required keys: ``mask_paths``, ``num_valid``, ``ori_shape``. Added keys:
    ``gt_masks`` ((num_valid, H, W) bool), ``gt_masks_small`` ((T, h, w)
    float32 in {0, 1}).

    Args:
        size (tuple): (h, w) of ``gt_masks_small``. Defaults to (64, 64).
    """

    def __init__(self, size: Tuple[int, int] = (64, 64)):
        self.size = tuple(size)

    def _read(self, paths, ori_shape) -> np.ndarray:
        union = None
        for path in paths:
            mask = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            if mask is None:
                raise VideoDataError(f'{path}: cannot read the mask')
            if mask.shape != tuple(ori_shape):
                raise VideoDataError(
                    f'{path}: mask size {mask.shape} differs from its '
                    f'frame\'s {tuple(ori_shape)}')
            union = mask > 0 if union is None else union | (mask > 0)
        return union

    def transform(self, results: dict) -> dict:
        masks = [
            self._read(paths, results['ori_shape'])
            for paths in results['mask_paths']
        ]
        results['gt_masks'] = np.stack(masks[:results['num_valid']])
        results['gt_masks_small'] = np.stack([
            cv2.resize(
                m.astype(np.float32),
                self.size[::-1],
                interpolation=cv2.INTER_AREA) >= 0.5 for m in masks
        ]).astype(np.float32)
        return results
