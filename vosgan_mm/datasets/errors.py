class VideoDataError(RuntimeError):
    """A clip could not be loaded; the message names the file and why."""
