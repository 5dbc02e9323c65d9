import fnmatch
import io
import os
import os.path as osp
import re
import tempfile
from pathlib import Path
from typing import List, Sequence, Union

import torch
from mmengine.fileio import LocalBackend, register_backend

from .write_errors import LIKELY_CAUSE, WriteError


def _umask() -> int:
    """The process's file-creation mask (read by setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(data: bytes, filepath: Union[str, Path]) -> None:
    """Writes ``data`` to a temporary file beside ``filepath``, flushes it to
    disk, then renames it over ``filepath``: readers see the old file or the
    whole new one, never a partial write (a full disk or a file-size limit
    leaves the old file as it was and raises a :class:`WriteError` naming
    ``filepath``). The file gets the permissions an ordinary ``open`` would
    give it (0666 less the umask), not the temporary file's 0600."""
    filepath = str(filepath)
    directory = osp.dirname(osp.abspath(filepath))
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp_path = tempfile.mkstemp(
            dir=directory, prefix=f'.{osp.basename(filepath)}.',
            suffix='.tmp')
    except OSError as error:
        raise WriteError(
            filepath, f'not written ({error.strerror or error})') from error
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_path, filepath)
    except BaseException as error:
        if osp.exists(tmp_path):
            os.remove(tmp_path)
        if isinstance(error, OSError):
            reason = error.strerror or error
            raise WriteError(
                filepath, f'not written ({reason}; the earlier file, if any, '
                f'is unchanged; {LIKELY_CAUSE})') from error
        raise


# the temporary files of write_atomically: ".<target>.<8 random>.tmp"
TEMPORARY_FILE = re.compile(r'^\.(?P<target>.+)\.[A-Za-z0-9_]{8}\.tmp$')


def remove_stale_temporary_files(
    directory: str, targets: Sequence[str] = ('*.pth', 'last_checkpoint')
) -> List[str]:
    """Removes the temporary files that :func:`write_atomically` leaves in
    ``directory`` when the process is killed mid-write, for targets that
    match one of ``targets`` (shell patterns). Call it only where no write
    is under way. Returns the names removed."""
    if not osp.isdir(directory):
        return []
    removed = []
    for name in sorted(os.listdir(directory)):
        match = TEMPORARY_FILE.match(name)
        if match and any(fnmatch.fnmatch(match['target'], t) for t in targets):
            os.remove(osp.join(directory, name))
            removed.append(name)
    return removed


@register_backend('atomic_local')
class AtomicLocalBackend(LocalBackend):
    """MMEngine's local file backend with atomic writes (see
    :func:`write_atomically`). Select it with
    ``backend_args=dict(backend='atomic_local')``."""

    def put(self, obj: bytes, filepath: Union[str, Path]) -> None:
        write_atomically(obj, filepath)

    def put_text(self,
                 obj: str,
                 filepath: Union[str, Path],
                 encoding: str = 'utf-8') -> None:
        write_atomically(obj.encode(encoding), filepath)


def save_checkpoint_atomically(checkpoint: dict,
                               filepath: Union[str, Path]) -> None:
    """``torch.save`` of ``checkpoint`` through :func:`write_atomically`:
    a failed write never leaves a partial checkpoint in place of a good
    one."""
    buffer = io.BytesIO()
    torch.save(checkpoint, buffer)
    write_atomically(buffer.getvalue(), filepath)
