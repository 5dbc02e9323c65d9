"""Failed writes as one-line errors that name the file.

A full disk, a file size limit, a read-only folder or a missing permission
is a problem of where a run writes, not a bug: the tools report it as
``<path>: <what failed>`` and exit 1 (see ``vosgan_mm.utils.tool_errors``).
"""
import errno
from typing import Optional

LIKELY_CAUSE = 'disk full, or over a file size limit?'

# the errors of the place written to, not of the code writing
WRITE_ENVIRONMENT_ERRNOS = frozenset(
    (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT,
     errno.EFBIG))


class WriteError(OSError):
    """An output file could not be written; ``path`` names it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f'{path}: {reason}')
        self.path, self.reason = path, reason


def write_environment_message(error: BaseException) -> Optional[str]:
    """``<path>: <reason>`` for an ``OSError`` raised by the place a run
    writes to (no permission, read-only file system, no space, a file size
    limit) that names its file; None for any other error."""
    if not isinstance(error, OSError) or error.filename is None:
        return None
    if error.errno not in WRITE_ENVIRONMENT_ERRNOS:
        return None
    path = error.filename
    if error.filename2 is not None:  # a rename: the target is the place
        path = error.filename2
    return f'{path}: {error.strerror}'
