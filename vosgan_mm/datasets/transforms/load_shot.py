import os.path as osp
from typing import Optional, Tuple

import cv2
import numpy as np
from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError, frame_size_error
from ..image_files import load_image, read_rgb_image


@TRANSFORMS.register_module()
class LoadShotFrames(BaseTransform):
    """Reads the frames of a shot and resizes them for the network.

    A greyscale frame is read as RGB (the three channels equal) and the
    alpha channel of an RGBA frame is dropped; a truncated, empty or
    unreadable frame, or one of another size than the sequence's first, is
    a :class:`VideoDataError` naming the file.

    Required keys: ``frame_paths``. Added keys: ``imgs`` (T frames
    (h, w, 3) uint8 RGB at ``size``), ``ori_shape`` (H, W) of the frames.

    Args:
        size (tuple): (h, w) for the network. Defaults to (64, 64).
    """

    def __init__(self, size: Tuple[int, int] = (64, 64)):
        self.size = tuple(size)

    def transform(self, results: dict) -> dict:
        imgs, ori_shape, first = [], None, None
        cache = {}
        for path in results['frame_paths']:
            if path not in cache:  # a padded shot repeats its last frame
                frame = read_rgb_image(path, 'frame')
                if ori_shape is None:
                    ori_shape, first = frame.shape[:2], path
                elif frame.shape[:2] != ori_shape:
                    raise frame_size_error(path, frame.shape[:2], ori_shape,
                                           osp.basename(first))
                cache[path] = cv2.resize(
                    frame, self.size[::-1], interpolation=cv2.INTER_AREA)
            imgs.append(cache[path])
        results['imgs'] = imgs
        results['ori_shape'] = ori_shape
        return results


@TRANSFORMS.register_module()
class LoadShotMasks(BaseTransform):
    """Reads the ground-truth masks of a shot.

    A mask file is one of:

    - a binary greyscale image, 0/255 (DAVIS-2016, most of SegTrack v2) or
      0/1: the non-zero value is foreground (a colour mask is read as
      grey first);
    - a palette PNG of object ids (DAVIS-2017): every id but 0 is
      foreground.

    Any other value, e.g. the grey edge of an antialiased 0/128/255 mask,
    is a :class:`VideoDataError` naming the file and the values found,
    unless ``threshold`` is set: then a pixel of a greyscale (or colour)
    mask is foreground where its grey value exceeds ``threshold``.

    A frame's masks (several objects) are united: a pixel is foreground if
    it is in any of them. Ground truth stays at full size for the metric; a
    copy at the network's size serves as training target.

    Required keys: ``mask_paths``, ``num_valid``, ``ori_shape``. Added keys:
    ``gt_masks`` ((num_valid, H, W) bool), ``gt_masks_small`` ((T, h, w)
    float32 in {0, 1}).

    Args:
        size (tuple): (h, w) of ``gt_masks_small``. Defaults to (64, 64).
        threshold (int, optional): Grey value above which a pixel of a soft
            mask is foreground, e.g. 127 for 0-255 masks. Defaults to None:
            masks must be binary.
    """

    def __init__(self,
                 size: Tuple[int, int] = (64, 64),
                 threshold: Optional[int] = None):
        self.size = tuple(size)
        self.threshold = threshold

    def _foreground(self, path: str) -> np.ndarray:
        image = load_image(path, 'mask')
        if image.mode == 'P':  # object ids, 0 the background
            return np.array(image) != 0
        grey = np.array(image.convert('L'))
        if self.threshold is not None:
            return grey > self.threshold
        top = grey.max()
        if top in (0, 1, 255) and not ((grey != 0) & (grey != top)).any():
            return grey != 0
        values = np.unique(grey)
        shown = ', '.join(str(v) for v in values[:8])
        more = f'... ({len(values)} values)' if len(values) > 8 else ''
        raise VideoDataError(
            f'{path}: mask values must be 0/255 or 0/1, found {shown}{more}; '
            'for soft masks set LoadShotMasks\' threshold (e.g. 127)')

    def _read(self, paths, ori_shape) -> np.ndarray:
        union = None
        for path in paths:
            mask = self._foreground(path)
            if mask.shape != tuple(ori_shape):
                raise VideoDataError(
                    f'{path}: mask size {mask.shape} differs from its '
                    f'frame\'s {tuple(ori_shape)}')
            union = mask if union is None else union | mask
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
