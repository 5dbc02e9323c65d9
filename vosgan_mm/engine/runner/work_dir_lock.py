"""One training run per work dir at a time."""
import fcntl
import os
import os.path as osp
import sys
import time

from vosgan_mm.utils.errors import ConfigError

LOCK_FILE = '.training.lock'


class WorkDirLock:
    """An exclusive lock on a work dir for the length of a training run.

    The lock is an ``flock`` on ``<work_dir>/.training.lock``, which also
    names its holder (process id, start time, command line). The kernel
    drops the lock when its process ends, however it ends, so a lock file
    left by a killed run is stale and taken over; a live holder makes a
    second run a :class:`ConfigError` that names it.

    Args:
        work_dir (str): The run's work dir (made if missing).
    """

    def __init__(self, work_dir: str):
        self.work_dir = work_dir
        self.path = osp.join(work_dir, LOCK_FILE)
        self._file = None

    def __enter__(self) -> 'WorkDirLock':
        os.makedirs(self.work_dir, exist_ok=True)
        handle = open(self.path, 'a+')
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or 'a process that named nothing'
            handle.close()
            raise ConfigError(
                f'work dir {self.work_dir} is in use by another training run '
                f'({holder}); wait for it to end, or pass --work-dir to '
                'train elsewhere') from None
        handle.seek(0)
        handle.truncate()
        handle.write(f'pid {os.getpid()}, started '
                     f'{time.strftime("%Y-%m-%d %H:%M:%S")}, command: '
                     f'{" ".join(sys.argv)}\n')
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
