# defined below the tools' error handling, which names it; exported here
from vosgan_mm.utils.errors import VideoDataError


class DroppedClip(VideoDataError):
    """A readable clip that a loading rule leaves out, such as a VGAN golf
    strip under ``min_frames``: in training the data set draws another clip
    in its place and counts it among its skipped clips, whatever its
    ``on_bad_clip``; at test time it is an error."""


def frame_size_error(frame: str,
                     found,
                     expected,
                     first: str = None) -> VideoDataError:
    """The error of a frame whose (H, W) ``found`` differs from its
    sequence's ``expected``; ``first`` names the frame that set it."""
    (h, w), (eh, ew) = found, expected
    origin = f' (first frame {first})' if first else ''
    return VideoDataError(f'{frame}: frame of {w}x{h} pixels in a sequence '
                          f'of {ew}x{eh}{origin}; all frames must share one '
                          'size')
