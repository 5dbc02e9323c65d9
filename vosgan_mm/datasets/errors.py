class VideoDataError(RuntimeError):
    """A clip could not be loaded; the message names the file and why."""


class DroppedClip(VideoDataError):
    """A readable clip that a loading rule leaves out, such as a VGAN golf
    strip under ``min_frames``: in training the data set draws another clip
    in its place and counts it among its skipped clips, whatever its
    ``on_bad_clip``; at test time it is an error."""
