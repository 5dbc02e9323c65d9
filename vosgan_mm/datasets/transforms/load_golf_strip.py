import cv2
import numpy as np
from mmcv.transforms import BaseTransform
from mmengine.logging import print_log

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError


@TRANSFORMS.register_module()
class LoadGolfStrip(BaseTransform):
    """Reads one VGAN golf clip: a JPEG of square frames stacked vertically.

    Follows VGAN's loader: a clip with fewer than ``min_frames`` frames is
    dropped (the transform returns None, and the data set draws another
    clip), the first ``num_frames`` frames are kept, and a shorter clip is
    padded by repeating its last frame.

    Required keys: ``filename``. Added keys: ``imgs`` (list of T (H, W, 3)
    uint8 RGB frames), ``total_frames`` (frames in the strip),
    ``img_shape``, ``original_shape``.

    Args:
        frame_size (int): Side of a frame in the strip. Defaults to 128.
        num_frames (int): Frames per clip. Defaults to 32.
        min_frames (int): Shorter clips are dropped. Defaults to 16.
    """

    def __init__(self,
                 frame_size: int = 128,
                 num_frames: int = 32,
                 min_frames: int = 16):
        self.frame_size = frame_size
        self.num_frames = num_frames
        self.min_frames = min_frames

    def transform(self, results: dict):
        path = results['filename']
        strip = cv2.imread(path, cv2.IMREAD_COLOR)
        if strip is None:
            raise VideoDataError(f'{path}: cannot read the image (missing, '
                                 'empty or not an image file)')
        height, width = strip.shape[:2]
        size = self.frame_size
        if width != size or height % size:
            raise VideoDataError(
                f'{path}: wrong frame size in golf strip: expected frames of '
                f'{size}x{size} stacked vertically (width {size}, height a '
                f'multiple of {size}), got width {width} and height {height}')
        total = height // size
        if total < self.min_frames:
            print_log(
                f'{path}: dropped, {total} frames < {self.min_frames}',
                logger='current')
            return None
        frames = strip.reshape(total, size, size, 3)[:self.num_frames]
        if total < self.num_frames:
            pad = np.repeat(frames[-1:], self.num_frames - total, axis=0)
            frames = np.concatenate([frames, pad])
        frames = frames[..., ::-1]  # BGR -> RGB
        results['imgs'] = [np.ascontiguousarray(f) for f in frames]
        results['total_frames'] = total
        results['img_shape'] = results['original_shape'] = (size, size)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(frame_size={self.frame_size}, '
                f'num_frames={self.num_frames}, min_frames={self.min_frames})')
