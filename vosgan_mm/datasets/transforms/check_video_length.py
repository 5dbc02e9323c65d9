from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError


@TRANSFORMS.register_module()
class CheckVideoLength(BaseTransform):
    """Fails clearly on a video too short to train on (or unreadable).

    Place after ``OpenCVInit``/``DecordInit``. Required keys:
    ``filename``, ``total_frames``.

    Args:
        min_frames (int): Fewest frames accepted. Defaults to 16.
    """

    def __init__(self, min_frames: int = 16):
        self.min_frames = min_frames

    def transform(self, results: dict) -> dict:
        total = results['total_frames']
        if total < self.min_frames:
            hint = ' (unreadable or empty?)' if total <= 0 else ''
            raise VideoDataError(
                f'{results["filename"]}: video too short: {total} frames'
                f'{hint}, at least {self.min_frames} needed')
        return results
