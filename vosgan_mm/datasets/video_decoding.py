"""How many frames a video file really decodes, against what its header
claims, with the decoder's messages captured instead of printed.

A video cut short (an interrupted copy or download) often keeps a header
that claims all its frames. MMAction2's ``OpenCVDecode`` then steps back,
frame by frame, to the last one that decodes, and returns a clip of copies
of it: a frozen clip, slowly, with a decoder message per attempt. Counting
the frames once, up front, makes that an error naming the file and both
counts.

A shortfall is not always damage: a variable-frame-rate AVI (OpenCV's own
``tree.avi``: 444 index entries, 376 of them empty) lists an empty
"repeat the previous frame" entry for each frame that did not change. Its
header counts them, no decoder makes a frame of them, and its index says
so: they are subtracted before the counts are compared
(:func:`check_video_frames`, the one check that every tool and pipeline
uses).
"""
import contextlib
import os
import re
import struct
import sys
import tempfile
import threading
from typing import Iterator, List, NamedTuple, Optional, Tuple

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


def describe_messages(messages: List[str], source: str = 'the decoder') -> str:
    """`` (the decoder reported N problems, first: "...")`` or ``''``."""
    if not messages:
        return ''
    # FFmpeg's lines name the codec's address ("[mjpeg @ 0x55d4...] ..."),
    # OpenCV's start with its log level and time ("[ WARN:0@19.614] ...")
    first = re.sub(r' @ 0x[0-9a-fA-F]+', '', messages[0].strip())
    first = re.sub(r'^\[ ?[A-Z]+:\d+@[\d.]+\] ', '', first)
    return (f' ({source} reported {len(messages)} problem'
            f'{"s" if len(messages) > 1 else ""}, first: "{first}")')


def _chunks(data: bytes) -> Iterator[Tuple[bytes, bytes]]:
    """(id, content) of the RIFF chunks held in ``data``."""
    pos = 0
    while pos + 8 <= len(data):
        ckid, size = struct.unpack_from('<4sI', data, pos)
        yield ckid, data[pos + 8:pos + 8 + size]
        pos += 8 + size + (size & 1)  # chunks start at even offsets


def _video_stream_number(hdrl: bytes) -> Optional[int]:
    """The number of an AVI's first video stream: the position of its
    stream header list ('strl', whose 'strh' says 'vids') in 'hdrl'."""
    streams = (data[4:] for ckid, data in _chunks(hdrl)
               if ckid == b'LIST' and data[:4] == b'strl')
    for number, stream in enumerate(streams):
        for ckid, data in _chunks(stream):
            if ckid == b'strh':
                if data[:4] == b'vids':
                    return number
                break
    return None


def count_empty_index_entries(path: str) -> int:
    """The empty (zero-size) entries that an AVI file's index lists for its
    video stream: "repeat the previous frame" entries, which
    variable-frame-rate recorders write for a frame that did not change.
    The header counts them among the frames, but no decoder makes a frame
    of them. 0 for any other file, and for an AVI whose index ('idx1',
    written last) is missing or cut off, as a truncated copy's is."""
    try:
        with open(path, 'rb') as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b'RIFF' or head[8:] != b'AVI ':
                return 0
            end = min(8 + struct.unpack('<I', head[4:8])[0],
                      os.fstat(f.fileno()).st_size)
            hdrl = index = None
            pos = 12
            while pos + 8 <= end:  # the top-level chunks; 'movi' skipped
                f.seek(pos)
                ckid, size = struct.unpack('<4sI', f.read(8))
                if ckid == b'LIST' and f.read(4) == b'hdrl':
                    hdrl = f.read(size - 4)
                elif ckid == b'idx1':
                    index = f.read(size)
                    if len(index) < size:
                        return 0
                pos += 8 + size + (size & 1)
    except OSError:
        return 0
    stream = _video_stream_number(hdrl or b'')
    if stream is None or index is None:
        return 0
    # 16-byte entries: chunk id ('00dc', '00db': stream 0's video), flags,
    # offset, size
    video = (b'%02ddc' % stream, b'%02ddb' % stream)
    return sum(1 for ckid, _, _, size in struct.iter_unpack(
        '<4sIII', index[:len(index) // 16 * 16])
               if size == 0 and ckid in video)


def tolerated_shortfall(claimed: int) -> int:
    """Frames that may be missing from a healthy file's decode (its header
    may overestimate) when the decoder reports no problem."""
    return max(TOLERATED_SHORTFALL, int(TOLERATED_SHORTFALL_SHARE * claimed))


class CheckedFrames(NamedTuple):
    """What :func:`check_video_frames` found: the frames the header claims
    (0 where it does not say), the AVI index's empty repeat-frame entries
    among them, and the frames to read (those that decode)."""
    claimed: int
    empty: int
    decodable: int


class TruncatedVideoError(VideoDataError):
    """A video that decodes fewer frames than its header claims;
    ``decodable`` says how many do."""

    def __init__(self, message: str, decodable: int):
        super().__init__(message)
        self.decodable = decodable


def check_video_frames(path: str,
                       min_frames: int = 1,
                       allow_truncated: bool = False) -> CheckedFrames:
    """The one check of a video file before it is read, for every tool and
    data pipeline.

    Accepts a file whose last claimed frame decodes (one seek: the cheap
    test of a whole file). Any other is decoded to the end and its frames
    counted: it is accepted when they are as many as its header claims,
    less the empty "repeat frame" entries of an AVI's index
    (:func:`count_empty_index_entries`: a variable-frame-rate recording
    such as OpenCV's ``tree.avi``), or fall short by at most
    :func:`tolerated_shortfall` frames without a problem reported by the
    decoder (headers of healthy files may overestimate). Any other
    shortfall is a truncated or damaged file: a
    :class:`TruncatedVideoError` naming the file and both counts, unless
    ``allow_truncated``, which accepts the frames that decode. Fewer than
    ``min_frames`` frames is a :class:`VideoDataError`.
    """
    header = last_frame_decodes(path)
    if header >= min_frames:
        return CheckedFrames(header, 0, header)
    count = count_decodable_frames(path)
    empty = count_empty_index_entries(path) if count.header > 0 else 0
    shortfall = count.header - empty - count.decodable
    if count.header > 0 and shortfall > 0 and not allow_truncated and (
            shortfall > tolerated_shortfall(count.header) or count.messages):
        repeats = f' ({empty} of them empty repeat entries)' if empty else ''
        raise TruncatedVideoError(
            f'{path}: truncated or damaged: its header claims '
            f'{count.header} frames{repeats} but only {count.decodable} '
            f'decode{describe_messages(count.messages)}', count.decodable)
    if count.decodable < min_frames:
        hint = ' (not a video file, or damaged?)' if not count.decodable \
            else ''
        raise VideoDataError(
            f'{path}: video too short: {count.decodable} frames decode'
            f'{hint}, at least {min_frames} needed'
            f'{describe_messages(count.messages)}')
    return CheckedFrames(max(count.header, 0), empty, count.decodable)


def check_decodable_frames(path: str,
                           min_frames: int = 1,
                           allow_truncated: bool = False) -> int:
    """The number of frames ``path`` decodes, by
    :func:`check_video_frames`."""
    return check_video_frames(path, min_frames, allow_truncated).decodable
