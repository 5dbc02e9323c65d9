import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Optional

import cv2
import numpy as np
import torch

from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_to_uint8

from .flow_target import FlowTarget, GatheredFuture, completed_future


@MODELS.register_module()
class FarnebackFlow(FlowTarget):
    """``OF()`` (see :class:`FlowTarget`) by OpenCV's Farneback flow, one
    frame pair at a time. The frame pairs of a batch are computed in
    parallel threads (OpenCV releases the GIL).

    Args:
        max_displacement (float): Pixels per frame mapped to 0 and 1.
            Defaults to 8.
        num_threads (int, optional): Threads for a batch. Defaults to
            :func:`threads_per_rank`: the CPUs this process may use, shared
            among the training processes of its machine.
    """

    def __init__(self,
                 max_displacement: float = 8.0,
                 num_threads: Optional[int] = None):
        super().__init__(max_displacement)
        self.num_threads = num_threads or threads_per_rank()
        self._pool = None

    def pair_flow(self, prev_grey: np.ndarray,
                  next_grey: np.ndarray) -> np.ndarray:
        """(H, W) uint8 grey frames -> (H, W, 2) float32 flow in pixels."""
        return cv2.calcOpticalFlowFarneback(prev_grey, next_grey, None,
                                            *self.params)

    def clip_flow(self, frames: np.ndarray) -> np.ndarray:
        """(T, H, W, 3) uint8 RGB frames -> (T-1, H, W, 2) flow in pixels,
        computed in this thread (for data-loading workers)."""
        grey = to_grey(frames)
        return np.stack([
            self.pair_flow(grey[t], grey[t + 1]) for t in range(len(grey) - 1)
        ])

    def batch_flow(self, video: torch.Tensor) -> torch.Tensor:
        return self.submit(video).result()

    @torch.no_grad()
    def submit(self, video: torch.Tensor) -> Future:
        """The targets of ``video`` (as :meth:`__call__`) as a future.

        For a video on a GPU the frame pairs are started in the thread pool
        and the future gathers them when its result is asked for, so that
        the caller can run the discriminator on the GPU meanwhile. For a
        video on the CPU they are computed before returning: there the
        threads would compete with the discriminator's own threads for the
        same cores (measured: a slower step, docs/speed.md)."""
        self.check_video(video)
        frames = video_to_uint8(video).permute(0, 2, 3, 4, 1).cpu().numpy()
        grey = np.stack([to_grey(clip) for clip in frames])  # (N, T, H, W)
        n, t = grey.shape[:2]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.num_threads)
        pairs = [
            self._pool.submit(self.pair_flow, grey[i, j], grey[i, j + 1])
            for i in range(n) for j in range(t - 1)
        ]

        def gather(flows: list) -> torch.Tensor:
            flow = np.stack(flows).reshape(n, t - 1, *grey.shape[2:], 2)
            flow = torch.from_numpy(self.normalize(flow))
            flow = flow.permute(0, 4, 1, 2, 3)
            if video.is_cuda:  # a copy that does not wait for the GPU
                return flow.pin_memory().to(video.device, non_blocking=True)
            return flow

        if video.is_cuda:
            return GatheredFuture(pairs, gather)
        return completed_future(gather([pair.result() for pair in pairs]))

    def __getstate__(self):
        # a thread pool cannot be pickled into data-loading workers
        state = self.__dict__.copy()
        state['_pool'] = None
        return state


def threads_per_rank() -> int:
    """The CPUs this process may run on (its affinity), divided among the
    processes that torchrun starts on this machine (``LOCAL_WORLD_SIZE``,
    1 without it), at least 1: N distributed ranks each sized to every CPU
    would run N times as many threads as there are CPUs."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on macOS and Windows
        cpus = os.cpu_count() or 1
    local_ranks = int(os.environ.get('LOCAL_WORLD_SIZE', 1))
    return max(1, cpus // max(1, local_ranks))


def to_grey(frames: np.ndarray) -> np.ndarray:
    """(T, H, W, 3) uint8 RGB -> (T, H, W) uint8 grey."""
    return np.stack([
        cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY)
        for f in frames
    ])
