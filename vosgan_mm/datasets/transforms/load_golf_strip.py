import numpy as np
from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import DroppedClip, VideoDataError
from ..image_files import read_rgb_image


@TRANSFORMS.register_module()
class LoadGolfStrip(BaseTransform):
    """Reads one VGAN golf clip: a JPEG of square frames stacked vertically.

    Follows VGAN's loader: a clip with fewer than ``min_frames`` frames is
    dropped (the transform raises :class:`DroppedClip`; in training the
    data set draws another clip and counts the drop), the first
    ``num_frames`` frames are kept, and a shorter clip is padded by
    repeating its last frame. A greyscale strip is read as RGB (the three
    channels equal); a truncated, empty or unreadable file is a
    :class:`VideoDataError` naming it.

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

    def transform(self, results: dict) -> dict:
        path = results['filename']
        strip = read_rgb_image(path, 'golf strip')
        height, width = strip.shape[:2]
        size = self.frame_size
        if width != size or height % size:
            raise VideoDataError(
                f'{path}: wrong frame size in golf strip: expected frames of '
                f'{size}x{size} stacked vertically (width {size}, height a '
                f'multiple of {size}), got width {width} and height {height}')
        total = height // size
        if total < self.min_frames:
            raise DroppedClip(f'{path}: {total} frames, under min_frames '
                              f'{self.min_frames}')
        frames = strip.reshape(total, size, size, 3)[:self.num_frames]
        if total < self.num_frames:
            pad = np.repeat(frames[-1:], self.num_frames - total, axis=0)
            frames = np.concatenate([frames, pad])
        results['imgs'] = [np.ascontiguousarray(f) for f in frames]
        results['total_frames'] = total
        results['img_shape'] = results['original_shape'] = (size, size)
        return results

    def __repr__(self):
        return (f'{self.__class__.__name__}(frame_size={self.frame_size}, '
                f'num_frames={self.num_frames}, min_frames={self.min_frames})')
