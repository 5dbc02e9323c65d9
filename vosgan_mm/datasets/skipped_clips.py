import contextlib
import ctypes
import multiprocessing
from multiprocessing.context import get_spawning_popen
from typing import List, Tuple

# a worker killed while holding the lock must not stop the others nor the
# report: past this wait, they go on without it
LOCK_TIMEOUT_S = 1.0


class SkippedClips:
    """The count of the clips a data set skipped, and which they were, in
    shared memory: the skips of DataLoader worker processes (forked from, or
    spawned by, the process that built the data set) add to the same count
    that the main process reads.

    Every skip is counted; the first ``capacity`` distinct clips are
    recorded by index, each with the first ``reason_bytes`` bytes of its
    reason. Only the processes that start from this one share it: a copy
    (``copy.deepcopy``, which MMEngine's ``get_subset`` uses) or a pickle
    outside the start of a process is a new, empty record.

    Args:
        capacity (int): Distinct clips recorded. Defaults to 1000.
        reason_bytes (int): Bytes kept of each reason (UTF-8). Defaults to
            200.
    """

    def __init__(self, capacity: int = 1000, reason_bytes: int = 200):
        self.capacity = capacity
        self.reason_bytes = reason_bytes
        self._lock = multiprocessing.Lock()
        self._count = multiprocessing.RawValue(ctypes.c_int64, 0)
        self._num_recorded = multiprocessing.RawValue(ctypes.c_int64, 0)
        self._indices = multiprocessing.RawArray(ctypes.c_int64, capacity)
        self._reasons = multiprocessing.RawArray(ctypes.c_char,
                                                 capacity * reason_bytes)

    @contextlib.contextmanager
    def _locked(self):
        acquired = self._lock.acquire(timeout=LOCK_TIMEOUT_S)
        try:
            yield
        finally:
            if acquired:
                self._lock.release()

    def add(self, index: int, reason: str) -> bool:
        """Counts one skip of clip ``index``.

        Returns:
            bool: False when the clip was recorded before (its skip need not
            be reported again), else True.
        """
        encoded = reason.encode('utf-8')[:self.reason_bytes]
        with self._locked():
            self._count.value += 1
            num = self._num_recorded.value
            if index in self._indices[:num]:
                return False
            if num < self.capacity:
                self._indices[num] = index
                start = num * self.reason_bytes
                self._reasons[start:start + len(encoded)] = encoded
                self._num_recorded.value = num + 1
            return True

    @property
    def count(self) -> int:
        """Skips counted, a clip skipped twice counting twice."""
        return self._count.value

    @property
    def num_clips(self) -> int:
        """Distinct clips recorded (at most ``capacity``)."""
        return self._num_recorded.value

    @property
    def full(self) -> bool:
        """Whether clips skipped from now on may go unrecorded."""
        return self._num_recorded.value == self.capacity

    def records(self) -> List[Tuple[int, str]]:
        """(index, reason) of the recorded clips, in order of first skip."""
        with self._locked():
            num = self._num_recorded.value
            indices = self._indices[:num]
            raw = self._reasons[:num * self.reason_bytes]
        size = self.reason_bytes
        return [(index, raw[i * size:(i + 1) * size].rstrip(b'\0').decode(
            'utf-8', 'ignore')) for i, index in enumerate(indices)]

    def __getstate__(self) -> dict:
        if get_spawning_popen() is not None:  # a worker process starts
            return self.__dict__
        return dict(capacity=self.capacity, reason_bytes=self.reason_bytes)

    def __setstate__(self, state: dict) -> None:
        if '_count' in state:
            self.__dict__.update(state)
        else:
            self.__init__(**state)
