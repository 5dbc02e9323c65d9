"""Writing a tool's output files so that a failed write is an error, and a
failed run leaves the earlier output as it was.

OpenCV does not raise on a failed write: ``cv2.imwrite`` returns False and
``cv2.VideoWriter.write`` returns nothing at all (FFmpeg only logs "Failed
to write frame"), so a full disk or a file size limit (``ulimit -f``)
would otherwise end in a "successful" run with files that do not decode.
Each image's return value is checked, and each video is decoded again once
written. (Python ignores SIGXFSZ, so a file size limit makes writes fail
with EFBIG instead of killing the process before it can say so.)

Outputs are written into a hidden folder inside the output folder and
moved into place only once all of them are written and checked
(:func:`replace_on_success`): the earlier outputs are then replaced all
together, and a run that fails removes its folder and leaves them intact.
"""
import contextlib
import os
import os.path as osp
import shutil
import tempfile
from typing import Callable, Iterator, List

import cv2
import numpy as np

from vosgan_mm.utils.write_errors import LIKELY_CAUSE, WriteError

from .video_decoding import count_decodable_frames, describe_messages

STAGING_PREFIX = '.partial-'
REPLACED_PREFIX = '.replaced-'


def write_image(path: str, image: np.ndarray) -> None:
    """``cv2.imwrite`` that raises a :class:`WriteError` where it fails."""
    try:
        written = cv2.imwrite(path, image)
    except cv2.error as error:
        raise WriteError(path, f'not written ({error.err})') from error
    if not written:
        raise WriteError(path, f'not written ({LIKELY_CAUSE})')


def check_written_video(path: str,
                        num_frames: int,
                        messages: List[str] = ()) -> None:
    """Decodes the video just written to ``path`` and raises a
    :class:`WriteError` unless all its ``num_frames`` frames decode;
    ``messages`` (what the writer logged) are quoted in the error."""
    decodable = count_decodable_frames(path).decodable
    if decodable != num_frames:
        raise WriteError(
            path, f'incomplete: {decodable} of the {num_frames} frames '
            f'written decode{describe_messages(messages, "the writer")}; '
            f'{LIKELY_CAUSE}')


def write_text(path: str, text: str) -> None:
    """Writes ``text`` to a file beside ``path`` and renames it to ``path``
    once written: an earlier file is replaced only by a complete one."""
    part = f'{path}.partial'
    try:
        with open(part, 'w') as f:
            f.write(text)
        os.replace(part, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.remove(part)
        raise WriteError(path, f'not written ({error.strerror})') from error


@contextlib.contextmanager
def replace_on_success(out_dir: str,
                       is_earlier_output: Callable[[str], bool]
                       ) -> Iterator[str]:
    """Yields a new hidden folder inside ``out_dir`` to write the outputs
    into. When the block ends without error, the entries of ``out_dir``
    that ``is_earlier_output`` selects (by name: an earlier run's outputs)
    are replaced by the folder's content; anything else in ``out_dir`` is
    left alone. When the block raises, the folder is removed and
    ``out_dir`` is as it was (if the block made it, it is removed too). A
    :class:`WriteError` about a file of the folder names the file as it
    would have been published, in ``out_dir``.
    """
    made = not osp.isdir(out_dir)
    try:
        os.makedirs(out_dir, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir)
    except OSError as error:
        raise WriteError(out_dir, f'cannot write there ({error.strerror})'
                         ) from error
    try:
        yield staging
        _publish(staging, out_dir, is_earlier_output)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if made:
            with contextlib.suppress(OSError):
                os.rmdir(out_dir)
        if isinstance(error, WriteError) and _is_inside(error.path, staging):
            published = osp.normpath(
                osp.join(out_dir, osp.relpath(error.path, staging)))
            raise WriteError(published, error.reason) from error
        raise


def _is_inside(path: str, folder: str) -> bool:
    return osp.commonpath([osp.abspath(path),
                           osp.abspath(folder)]) == osp.abspath(folder)


def _publish(staging: str, out_dir: str,
             is_earlier_output: Callable[[str], bool]) -> None:
    """Moves the earlier outputs aside, the new ones into ``out_dir``, then
    deletes the earlier ones (renames within one folder: no copy)."""
    replaced = tempfile.mkdtemp(prefix=REPLACED_PREFIX, dir=out_dir)
    try:
        for name in os.listdir(out_dir):
            if is_earlier_output(name):
                os.rename(osp.join(out_dir, name), osp.join(replaced, name))
        for name in os.listdir(staging):
            os.rename(osp.join(staging, name), osp.join(out_dir, name))
    except OSError as error:
        raise WriteError(
            out_dir, f'the new outputs could not be moved into place '
            f'({error.strerror}); the earlier ones are in {replaced}'
        ) from error
    shutil.rmtree(replaced, ignore_errors=True)
    os.rmdir(staging)
