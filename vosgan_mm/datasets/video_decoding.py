"""How many frames a video file really decodes, against what its header
claims, with the decoder's messages captured instead of printed.

A video cut short (an interrupted copy or download) often keeps a header
that claims all its frames. MMAction2's ``OpenCVDecode`` then steps back,
frame by frame, to the last one that decodes, and returns a clip of copies
of it: a frozen clip, slowly, with a decoder message per attempt. Counting
the frames once, up front, makes that an error naming the file and both
counts.
"""
import contextlib
import os
import re
import sys
import tempfile
import threading
from typing import Iterator, List, NamedTuple

import cv2

from .errors import VideoDataError

# a healthy file's header may claim a frame or two more than decode (OpenCV
# estimates the count of some containers from their duration): a shortfall
# up to this is tolerated when the decoder reports no problem
TOLERATED_SHORTFALL = 2
TOLERATED_SHORTFALL_SHARE = 0.01
_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def captured_native_stderr() -> Iterator[List[str]]:
    """Captures what native code (FFmpeg, OpenCV) writes to the process's
    standard error while the block runs.

    Yields:
        list: Filled, when the block ends, with the lines written.
    """
    lines: List[str] = []
    sys.stderr.flush()
    with _STDERR_LOCK, tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(line for line in sink.read().decode(
                'utf-8', 'replace').splitlines() if line.strip())


class FrameCount(NamedTuple):
    """The frames of a video file: what its header claims (-1 or 0 where it
    does not say), how many decode, and the decoder's messages."""
    header: int
    decodable: int
    messages: List[str]


def count_decodable_frames(path: str) -> FrameCount:
    """Decodes ``path`` once, without colour conversion, counting frames."""
    with captured_native_stderr() as messages:
        capture = cv2.VideoCapture(path)
        header = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
        decodable = 0
        while capture.grab():
            decodable += 1
        capture.release()
    return FrameCount(header, decodable, messages)


def last_frame_decodes(path: str) -> int:
    """The frame count of ``path``'s header if the last frame it claims
    decodes (one seek: the cheap test of a whole file), else 0."""
    with captured_native_stderr():
        capture = cv2.VideoCapture(path)
        header = int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
        ok = header > 0 and capture.set(cv2.CAP_PROP_POS_FRAMES,
                                        header - 1) and capture.grab()
        capture.release()
    return header if ok else 0


def describe_messages(messages: List[str]) -> str:
    """`` (the decoder reported N problems, first: "...")`` or ``''``."""
    if not messages:
        return ''
    # FFmpeg's lines name the decoder's address: "[mjpeg @ 0x55d4...] ..."
    first = re.sub(r' @ 0x[0-9a-fA-F]+', '', messages[0].strip())
    return (f' (the decoder reported {len(messages)} problem'
            f'{"s" if len(messages) > 1 else ""}, first: "{first}")')


def check_decodable_frames(path: str, min_frames: int = 1) -> int:
    """The number of frames ``path`` decodes; a :class:`VideoDataError`
    naming the file and both counts when fewer decode than its header
    claims (a truncated or damaged file) or than ``min_frames``.

    A file whose last claimed frame decodes is taken as whole (one seek);
    any other is decoded to the end and counted. A shortfall of at most
    ``TOLERATED_SHORTFALL`` frames or ``TOLERATED_SHORTFALL_SHARE`` of the
    header's count, with no problem reported by the decoder, is tolerated:
    headers of healthy files may overestimate.
    """
    header = last_frame_decodes(path)
    if header >= min_frames:
        return header
    count = count_decodable_frames(path)
    shortfall = count.header - count.decodable
    tolerated = max(TOLERATED_SHORTFALL,
                    int(TOLERATED_SHORTFALL_SHARE * count.header))
    if count.header > 0 and shortfall > 0 and (shortfall > tolerated
                                               or count.messages):
        raise VideoDataError(
            f'{path}: truncated or damaged: its header claims '
            f'{count.header} frames but only {count.decodable} decode'
            f'{describe_messages(count.messages)}')
    if count.decodable < min_frames:
        hint = ' (not a video file, or damaged?)' if not count.decodable \
            else ''
        raise VideoDataError(
            f'{path}: video too short: {count.decodable} frames decode'
            f'{hint}, at least {min_frames} needed'
            f'{describe_messages(count.messages)}')
    return count.decodable
