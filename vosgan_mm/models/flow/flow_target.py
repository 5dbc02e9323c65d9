from concurrent.futures import Future
from typing import Callable, List

import numpy as np
import torch


def completed_future(value) -> Future:
    """A future that already holds ``value``."""
    future = Future()
    future.set_result(value)
    return future


class GatheredFuture(Future):
    """A future of ``combine([part.result() for part in parts])``, combined
    in the thread that first asks for the result (for a result that must be
    finished where it is used, such as a copy onto that thread's GPU
    stream)."""

    def __init__(self, parts: List[Future], combine: Callable[[list], object]):
        super().__init__()
        self._parts = parts
        self._combine = combine

    def result(self, timeout=None):
        if not self.done():
            try:
                self.set_result(
                    self._combine(
                        [part.result(timeout) for part in self._parts]))
            except Exception as error:  # the future keeps the error
                self.set_exception(error)
        return super().result(timeout)


# OpenCV's documented Farneback parameters for video: the one definition of
# the flow that every flow target computes, of real clips in the data
# pipeline (ComputeFlowTarget) and of generated videos in the model, which
# D must see computed alike
FARNEBACK_PARAMETERS = dict(
    pyr_scale=0.5, levels=3, winsize=15, iterations=3, poly_n=5,
    poly_sigma=1.2)


class FlowTarget:
    """The optical-flow target ``OF()`` of Eq. 2: Farneback's flow from each
    frame ``t < T-1`` to ``t+1``, computed on grey frames in the 8-bit
    range, in pixels mapped into the [0, 1] range of the discriminator's
    sigmoid by the fixed scale

        ``normalised = clip(0.5 + flow / (2 * max_displacement), 0, 1)``

    so 0.5 is no motion and 0 / 1 are ``-/+ max_displacement`` pixels per
    frame. The last frame has no successor: targets have ``T - 1`` frames
    and the loss leaves the last predicted frame out.

    This base holds what every estimator shares (the Farneback parameters
    of :data:`FARNEBACK_PARAMETERS`, the scale, the input check); a subclass computes the flow: :meth:`clip_flow` for
    data-loading workers and :meth:`batch_flow` for a batch of videos, or
    :meth:`submit` where the batch can be computed while the caller works.

    Args:
        max_displacement (float): Pixels per frame mapped to 0 and 1.
            Defaults to 8.
    """

    def __init__(self, max_displacement: float = 8.0):
        if max_displacement <= 0:
            raise ValueError(
                f'max_displacement must be positive, got {max_displacement}')
        self.max_displacement = float(max_displacement)
        self.pyr_scale = FARNEBACK_PARAMETERS['pyr_scale']
        self.levels = FARNEBACK_PARAMETERS['levels']
        self.winsize = FARNEBACK_PARAMETERS['winsize']
        self.iterations = FARNEBACK_PARAMETERS['iterations']
        self.poly_n = FARNEBACK_PARAMETERS['poly_n']
        self.poly_sigma = FARNEBACK_PARAMETERS['poly_sigma']

    @property
    def params(self) -> tuple:
        """OpenCV's positional Farneback arguments (flags 0)."""
        return (self.pyr_scale, self.levels, self.winsize, self.iterations,
                self.poly_n, self.poly_sigma, 0)

    def check_video(self, video: torch.Tensor) -> None:
        """Raises ValueError unless ``video`` is (N, 3, T, H, W)."""
        if video.dim() != 5 or video.shape[1] != 3:
            raise ValueError(
                f'{type(self).__name__} expects a (N, 3, T, H, W) '
                f'video, got {tuple(video.shape)}')

    def normalize(self, flow):
        """Flow in pixels -> [0, 1] (numpy array or tensor)."""
        scaled = 0.5 + flow / (2 * self.max_displacement)
        if isinstance(scaled, torch.Tensor):
            return scaled.clamp(0, 1)
        return np.clip(scaled, 0, 1)

    def denormalize(self, flow):
        """[0, 1] -> flow in pixels (numpy array or tensor)."""
        return (flow - 0.5) * (2 * self.max_displacement)

    def clip_flow(self, frames: np.ndarray) -> np.ndarray:
        """(T, H, W, 3) uint8 RGB frames -> (T-1, H, W, 2) flow in pixels
        (x, y), computed in the calling thread."""
        raise NotImplementedError

    def batch_flow(self, video: torch.Tensor) -> torch.Tensor:
        """Normalised targets of ``video`` (see :meth:`__call__`), computed
        now."""
        raise NotImplementedError

    def submit(self, video: torch.Tensor) -> Future:
        """The targets of ``video`` as a future: its ``result()`` is what
        :meth:`__call__` returns. Here they are computed before returning;
        an estimator that can work while its caller does overrides this."""
        return completed_future(self.batch_flow(video))

    @torch.no_grad()
    def __call__(self, video: torch.Tensor) -> torch.Tensor:
        """Normalised flow targets of a batch of videos.

        Args:
            video (Tensor): (N, 3, T, H, W) in [-1, 1].

        Returns:
            Tensor: (N, 2, T-1, H, W) float32 in [0, 1] on ``video``'s
            device; channel 0 is the x (width) displacement, 1 the y.
        """
        return self.submit(video).result()
