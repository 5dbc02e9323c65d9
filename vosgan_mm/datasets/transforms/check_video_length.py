import os
from typing import Dict, Tuple

from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS
from ..errors import VideoDataError
from ..video_decoding import (CheckedFrames, check_video_frames,
                              tolerated_shortfall)


@TRANSFORMS.register_module()
class CheckVideoLength(BaseTransform):
    """Fails clearly on a video too short to train on, unreadable, or cut
    short, and samples a variable-frame-rate one from the frames it holds.

    With ``count_decodable`` (the default) each local video file is checked
    once per process (again only when the file changes) by
    :func:`check_video_frames`, the check every tool uses: if the last
    frame its header claims decodes (one seek) it is whole; otherwise it is
    decoded to the end to count the frames that really decode. Fewer than
    ``min_frames``, or fewer than its header claims (a truncated copy whose
    header still lists every frame, which ``OpenCVDecode`` would turn into
    a clip of one frame repeated), is a :class:`VideoDataError` naming the
    file and both counts, with the decoder's messages captured instead of
    printed. Not counted as missing: a shortfall of a frame or two without
    decoder problems (headers of healthy files may overestimate), and the
    empty "repeat frame" entries of a variable-frame-rate AVI's index.
    ``allow_truncated`` accepts a truncated file's frames that decode.

    Place it right after ``OpenCVInit``: it then sets ``total_frames`` to
    the frames that decode, so that ``SampleFrames`` picks only those (the
    reader counts a repeat-frame AVI's empty entries, and a truncated
    file's missing frames, as frames). Before the reader it can only check
    the file, and refuses one whose decodable frames are fewer than its
    header claims. Without ``count_decodable`` it only checks the reader's
    ``total_frames`` against ``min_frames``.

    Required keys: ``filename``. Optional: ``total_frames`` (modified).

    Args:
        min_frames (int): Fewest frames accepted. Defaults to 16.
        count_decodable (bool): Count the decodable frames. Defaults to
            True.
        allow_truncated (bool): Accept a truncated or damaged file's
            frames that decode. Defaults to False.
    """

    def __init__(self,
                 min_frames: int = 16,
                 count_decodable: bool = True,
                 allow_truncated: bool = False):
        self.min_frames = min_frames
        self.count_decodable = count_decodable
        self.allow_truncated = allow_truncated
        # (path, size, mtime) -> what the check found, or its error
        self._checked: Dict[Tuple[str, int, int], object] = {}

    def _check(self, path: str) -> CheckedFrames:
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in self._checked:
            try:
                self._checked[key] = check_video_frames(
                    path, self.min_frames, self.allow_truncated)
            except VideoDataError as error:
                self._checked[key] = error
        found = self._checked[key]
        if isinstance(found, VideoDataError):
            raise VideoDataError(str(found))
        return found

    def transform(self, results: dict) -> dict:
        total = results.get('total_frames')
        if self.count_decodable:
            path = results['filename']
            checked = self._check(path)
            if total is not None:
                total = results['total_frames'] = min(total, checked.decodable)
            elif checked.decodable < checked.claimed - tolerated_shortfall(
                    checked.claimed):
                raise VideoDataError(
                    f'{path}: only {checked.decodable} of the '
                    f'{checked.claimed} frames its header lists decode; '
                    'place CheckVideoLength after OpenCVInit in the '
                    'pipeline, so that clips are sampled from those')
        if total is not None and total < self.min_frames:
            hint = ' (unreadable or empty?)' if total <= 0 else ''
            raise VideoDataError(
                f'{results["filename"]}: video too short: {total} frames'
                f'{hint}, at least {self.min_frames} needed')
        return results
