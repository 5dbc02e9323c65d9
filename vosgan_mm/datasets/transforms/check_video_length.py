import os
from typing import Dict, Tuple

from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError
from ..video_decoding import check_decodable_frames


@TRANSFORMS.register_module()
class CheckVideoLength(BaseTransform):
    """Fails clearly on a video too short to train on, unreadable, or cut
    short.

    With ``count_decodable`` (the default) each local video file is checked
    once per process (again only when the file changes): if the last frame
    its header claims decodes (one seek) it is whole; otherwise it is
    decoded to the end to count the frames that really decode
    (:func:`check_decodable_frames`): fewer than ``min_frames``, or fewer
    than its header claims (a truncated copy whose header still lists
    every frame, which ``OpenCVDecode`` would turn into a clip of one frame
    repeated), is a :class:`VideoDataError` naming the file and both
    counts, with the decoder's messages captured instead of printed (a
    shortfall of a frame or two without decoder problems is tolerated:
    headers of healthy files may overestimate). Place it before
    ``OpenCVInit``/``DecordInit``, so that an unreadable file gets this
    message rather than the reader's. Where the reader has run before it,
    its ``total_frames`` is checked against ``min_frames`` too (the only
    check without ``count_decodable``).

    Required keys: ``filename``. Optional: ``total_frames``.

    Args:
        min_frames (int): Fewest frames accepted. Defaults to 16.
        count_decodable (bool): Count the decodable frames. Defaults to
            True.
    """

    def __init__(self, min_frames: int = 16, count_decodable: bool = True):
        self.min_frames = min_frames
        self.count_decodable = count_decodable
        # (path, size, mtime) -> decodable frames, or the error's message
        self._checked: Dict[Tuple[str, int, int], object] = {}

    def _decodable(self, path: str) -> int:
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in self._checked:
            try:
                self._checked[key] = check_decodable_frames(
                    path, self.min_frames)
            except VideoDataError as error:
                self._checked[key] = error
        found = self._checked[key]
        if isinstance(found, VideoDataError):
            raise VideoDataError(str(found))
        return found

    def transform(self, results: dict) -> dict:
        if self.count_decodable:
            self._decodable(results['filename'])
        total = results.get('total_frames')
        if total is not None and total < self.min_frames:
            hint = ' (unreadable or empty?)' if total <= 0 else ''
            raise VideoDataError(
                f'{results["filename"]}: video too short: {total} frames'
                f'{hint}, at least {self.min_frames} needed')
        return results
