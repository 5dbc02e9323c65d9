import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Optional

import cv2
import numpy as np
import torch

from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_to_uint8


@MODELS.register_module()
class FarnebackFlow:
    """The optical-flow target ``OF()`` of Eq. 2: OpenCV's Farneback flow.

    For each frame ``t < T-1`` the flow from frame ``t`` to ``t+1`` is
    computed on grey frames in the 8-bit range. Flow in pixels is mapped into
    the [0, 1] range of the discriminator's sigmoid by the fixed scale

        ``normalised = clip(0.5 + flow / (2 * max_displacement), 0, 1)``

    so 0.5 is no motion and 0 / 1 are ``-/+ max_displacement`` pixels per
    frame. The last frame has no successor: targets have ``T - 1`` frames and
    the loss leaves the last predicted frame out.

    Frame pairs of a batch are computed in parallel threads (OpenCV releases
    the GIL).

    Args:
        max_displacement (float): Pixels per frame mapped to 0 and 1.
            Defaults to 8.
        num_threads (int, optional): Threads for a batch. Defaults to the
            number of CPUs.
        pyr_scale, levels, winsize, iterations, poly_n, poly_sigma: OpenCV's
            Farneback parameters (its documented defaults for video).
    """

    def __init__(self,
                 max_displacement: float = 8.0,
                 num_threads: Optional[int] = None,
                 pyr_scale: float = 0.5,
                 levels: int = 3,
                 winsize: int = 15,
                 iterations: int = 3,
                 poly_n: int = 5,
                 poly_sigma: float = 1.2):
        if max_displacement <= 0:
            raise ValueError(
                f'max_displacement must be positive, got {max_displacement}')
        self.max_displacement = float(max_displacement)
        self.num_threads = num_threads or os.cpu_count() or 1
        self.pyr_scale = pyr_scale
        self.levels = levels
        self.winsize = winsize
        self.iterations = iterations
        self.poly_n = poly_n
        self.poly_sigma = poly_sigma
        self._pool = None

    def check_video(self, video: torch.Tensor) -> None:
        """Raises ValueError unless ``video`` is (N, 3, T, H, W)."""
        if video.dim() != 5 or video.shape[1] != 3:
            raise ValueError(
                f'{type(self).__name__} expects a (N, 3, T, H, W) '
                f'video, got {tuple(video.shape)}')

    @property
    def params(self) -> tuple:
        """OpenCV's positional Farneback arguments (flags 0)."""
        return (self.pyr_scale, self.levels, self.winsize, self.iterations,
                self.poly_n, self.poly_sigma, 0)

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

    def normalize(self, flow):
        """Flow in pixels -> [0, 1] (numpy array or tensor)."""
        scaled = 0.5 + flow / (2 * self.max_displacement)
        if isinstance(scaled, torch.Tensor):
            return scaled.clamp(0, 1)
        return np.clip(scaled, 0, 1)

    def denormalize(self, flow):
        """[0, 1] -> flow in pixels (numpy array or tensor)."""
        return (flow - 0.5) * (2 * self.max_displacement)

    @torch.no_grad()
    def __call__(self, video: torch.Tensor) -> torch.Tensor:
        """Normalised flow targets of a batch of videos.

        Args:
            video (Tensor): (N, 3, T, H, W) in [-1, 1].

        Returns:
            Tensor: (N, 2, T-1, H, W) float32 in [0, 1] on ``video``'s
            device; channel 0 is the x (width) displacement, 1 the y.
        """
        return self.submit(video)()

    @torch.no_grad()
    def submit(self, video: torch.Tensor) -> Callable[[], torch.Tensor]:
        """The targets of ``video`` (as :meth:`__call__`) behind a function
        that returns them.

        For a video on a GPU the frame pairs are started in the thread pool
        and the function waits for them, so that the caller can run the
        discriminator on the GPU meanwhile. For a video on the CPU they are
        computed before returning: there the threads would compete with the
        discriminator's own threads for the same cores (measured: a slower
        step, docs/speed.md)."""
        self.check_video(video)
        frames = video_to_uint8(video).permute(0, 2, 3, 4, 1).cpu().numpy()
        grey = np.stack([to_grey(clip) for clip in frames])  # (N, T, H, W)
        n, t = grey.shape[:2]
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.num_threads)
        futures = [
            self._pool.submit(self.pair_flow, grey[i, j], grey[i, j + 1])
            for i in range(n) for j in range(t - 1)
        ]

        def result() -> torch.Tensor:
            flow = np.stack([f.result() for f in futures])
            flow = flow.reshape(n, t - 1, *grey.shape[2:], 2)
            flow = torch.from_numpy(self.normalize(flow))
            flow = flow.permute(0, 4, 1, 2, 3)
            if video.is_cuda:  # a copy that does not wait for the GPU
                return flow.pin_memory().to(video.device, non_blocking=True)
            return flow

        if video.is_cuda:
            return result
        flow = result()
        return lambda: flow

    def __getstate__(self):
        # a thread pool cannot be pickled into data-loading workers
        state = self.__dict__.copy()
        state['_pool'] = None
        return state


def to_grey(frames: np.ndarray) -> np.ndarray:
    """(T, H, W, 3) uint8 RGB -> (T, H, W) uint8 grey."""
    return np.stack([
        cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY)
        for f in frames
    ])
