import math
from contextlib import contextmanager
from typing import List, Tuple

import numpy as np
import torch
import torch.nn.functional as F

from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_to_uint8

from .flow_target import FlowTarget

# OpenCV's weights of the displacement equations at 0..4 pixels from the
# image border (nearer the border the expansion sees replicated pixels)
BORDER_WEIGHTS = (0.14, 0.14, 0.4472, 0.4472, 0.4472)
# pyramid levels smaller than this (in pixels, either side) are not used
MIN_LEVEL_SIZE = 32


@MODELS.register_module()
class TorchFarnebackFlow(FlowTarget):
    """``OF()`` by Farneback's algorithm in PyTorch, batched on the video's
    device (CPU or GPU) instead of per frame pair in OpenCV.

    The same algorithm and parameters as OpenCV's
    ``calcOpticalFlowFarneback`` (flags 0, box window):

    1. a pyramid of each grey frame: level ``k`` is blurred with a Gaussian
       of sigma ``(1 / pyr_scale**k - 1) / 2`` (level 0 by ``[1, 2, 1] / 4``)
       and resized bilinearly by ``pyr_scale**k``; levels under 32 pixels
       are left out;
    2. polynomial expansion: per pixel, the quadratic ``x^T A x + b^T x + c``
       fitted by least squares under a Gaussian applicability of radius
       ``poly_n`` and sigma ``poly_sigma`` (normalised convolution with
       full certainty: one convolution with the dual basis filters);
    3. from the coarsest level, ``iterations`` times: sample the next frame's
       expansion at ``x + d``, form ``A d = delta b`` per pixel, average the
       normal equations over a ``winsize`` box and solve for ``d``; the flow
       is upsampled to start the next level.

    Frames are converted to 8-bit grey exactly as the OpenCV path does, so
    the two differ only by floating-point order and OpenCV's internal
    shortcuts; ``tools/analysis_tools/benchmark_flow.py`` reports the
    end-point error between them and against the true flow of the sprite
    videos.

    Args:
        max_displacement (float): Pixels per frame mapped to 0 and 1.
            Defaults to 8.
    """

    def __init__(self, max_displacement: float = 8.0):
        super().__init__(max_displacement)
        self.poly_filters = polynomial_filters(self.poly_n, self.poly_sigma)
        self._constants = {}  # small tensors per device, made once

    @torch.no_grad()
    def batch_flow(self, video: torch.Tensor) -> torch.Tensor:
        """Normalised targets of ``video`` (see :meth:`FlowTarget.__call__`),
        computed now (on a GPU the kernels are queued on the current
        stream, ahead of the discriminator's)."""
        self.check_video(video)
        rgb = video_to_uint8(video).float()
        flow = self.grey_clip_flow(rgb_to_grey(rgb.transpose(1, 2)))
        return self.normalize(flow.transpose(1, 2))

    @torch.no_grad()
    def clip_flow(self, frames: np.ndarray) -> np.ndarray:
        """(T, H, W, 3) uint8 RGB frames -> (T-1, H, W, 2) flow in pixels
        (for data-loading workers)."""
        rgb = torch.from_numpy(np.ascontiguousarray(frames)).float()
        grey = rgb_to_grey(rgb.permute(0, 3, 1, 2)[None])
        return self.grey_clip_flow(grey)[0].permute(0, 2, 3, 1).numpy()

    def grey_clip_flow(self, grey: torch.Tensor) -> torch.Tensor:
        """(N, T, H, W) grey frames in [0, 255] -> (N, T-1, 2, H, W) flow
        from each frame to the next, in pixels (x, y); in float32 even
        under autocast (pixel coordinates need it)."""
        n, t, h, w = grey.shape
        frames = grey.float().reshape(n * t, 1, h, w)
        poly_filters = self._constant(grey.device, 'poly',
                                      lambda: self.poly_filters)
        flow = None
        with torch.autocast(grey.device.type, enabled=False), \
                full_float32_convolutions():
            for scale in self.level_scales(h, w):
                size = (round(h * scale), round(w * scale))
                kernel = self._constant(grey.device, ('blur', scale),
                                        lambda: pyramid_kernel(scale))
                level = pyramid_level(frames, kernel, size)
                expansion = polynomial_expansion(level, poly_filters)
                expansion = expansion.reshape(n, t, 5, *size)
                prev = expansion[:, :-1].reshape(-1, 5, *size)
                nxt = expansion[:, 1:].reshape(-1, 5, *size)
                if flow is None:
                    flow = prev.new_zeros(prev.shape[0], 2, *size)
                else:
                    flow = F.interpolate(
                        flow, size=size, mode='bilinear',
                        align_corners=False) / self.pyr_scale
                weight = self._constant(grey.device, ('border', size),
                                        lambda: border_weight(*size))
                flow = self.refine(prev, nxt, flow, weight)
        return flow.reshape(n, t - 1, 2, h, w)

    def _constant(self, device, key, make):
        """``make()`` (a tensor or a tuple of them) on ``device``, made and
        copied there once."""
        if (device, key) not in self._constants:
            value = make()
            self._constants[device, key] = tuple(
                v.to(device) for v in value) if isinstance(
                    value, tuple) else value.to(device)
        return self._constants[device, key]

    def level_scales(self, height: int, width: int) -> List[float]:
        """Scales of the pyramid levels used, coarsest first."""
        num = 0
        while num < self.levels:
            scale = self.pyr_scale**(num + 1)
            if min(height, width) * scale < MIN_LEVEL_SIZE:
                break
            num += 1
        return [self.pyr_scale**k for k in range(num, -1, -1)]

    def refine(self, prev: torch.Tensor, nxt: torch.Tensor, flow: torch.Tensor,
               weight: torch.Tensor) -> torch.Tensor:
        """``iterations`` displacement updates at one level.

        Args:
            prev, nxt (Tensor): (P, 5, H, W) expansions (b_x, b_y, A_xx,
                A_yy, xy coefficient) of the first and second frames.
            flow (Tensor): (P, 2, H, W) initial flow in pixels.
            weight (Tensor): (H, W) weights of the equations
                (:func:`border_weight`).
        """
        for _ in range(self.iterations):
            equations = displacement_equations(prev, nxt, flow, weight)
            flow = solve_displacement(box_mean(equations, self.winsize))
        return flow

    def __getstate__(self):
        state = self.__dict__.copy()
        state['_constants'] = {}  # no device tensors into data workers
        return state


@contextmanager
def full_float32_convolutions():
    """cuDNN's float32 convolutions without TF32 (its default on recent
    GPUs): TF32 keeps 10 bits of mantissa, which moves the flow by up to
    0.04 px; the targets match OpenCV to about 1e-4 px in full float32."""
    allowed = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = False
    try:
        yield
    finally:
        torch.backends.cudnn.allow_tf32 = allowed


def rgb_to_grey(rgb: torch.Tensor) -> torch.Tensor:
    """(N, T, 3, H, W) RGB in 0..255 (integers) -> (N, T, H, W) grey, with
    OpenCV's 8-bit weights and rounding."""
    r, g, b = rgb.unbind(2)
    return torch.floor((r * 4899 + g * 9617 + b * 1868 + 8192) / 16384)


def gaussian_kernel(size: int, sigma: float) -> torch.Tensor:
    """1D Gaussian of ``size`` taps, summing to 1; for ``sigma`` 0, the
    binomial ``[1, 2, 1] / 4`` (OpenCV's kernel of 3 taps without sigma)."""
    if sigma <= 0:
        return torch.tensor([0.25, 0.5, 0.25])
    x = torch.arange(size, dtype=torch.float64) - (size - 1) / 2
    kernel = torch.exp(-x**2 / (2 * sigma**2))
    return (kernel / kernel.sum()).float()


def pyramid_kernel(scale: float) -> torch.Tensor:
    """The 1D blur before resizing to pyramid level ``scale``: a Gaussian
    of sigma ``(1/scale - 1) / 2`` over ``round(5 sigma) | 1`` taps, at
    least 3 (so the finest level too is smoothed, by ``[1, 2, 1] / 4``)."""
    sigma = (1 / scale - 1) * 0.5
    taps = max(int(np.rint(sigma * 5)) | 1, 3)
    return gaussian_kernel(taps, sigma)


def pyramid_level(frames: torch.Tensor, kernel: torch.Tensor,
                  size: Tuple[int, int]) -> torch.Tensor:
    """(B, 1, H, W) -> a pyramid level: blurred by ``kernel`` in both
    directions (reflected border; one convolution with the outer product of
    ``kernel``, faster than two 1D passes for these few taps), then resized
    bilinearly to ``size``."""
    taps = kernel.shape[0]
    pad = taps // 2
    padded = F.pad(frames, (pad, pad, pad, pad), mode='reflect')
    blurred = F.conv2d(padded, (kernel[:, None] * kernel[None])[None, None])
    if tuple(blurred.shape[-2:]) == tuple(size):
        return blurred
    return F.interpolate(
        blurred, size=size, mode='bilinear', align_corners=False)


def polynomial_filters(radius: int, sigma: float) -> torch.Tensor:
    """Filters of the polynomial expansion.

    The least-squares coefficients of ``c + b_x x + b_y y + A_xx x^2 +
    A_yy y^2 + xy * x y`` under the applicability ``g(x) g(y)``, ``g(u) =
    exp(-u^2 / (2 sigma^2))``, are ``G^-1`` times the correlations of the
    image with ``g(x) g(y)`` times each basis function: each coefficient is
    one correlation with a (2r+1, 2r+1) filter, the dual basis.

    Returns:
        Tensor: (5, 1, 2r+1, 2r+1) filters giving ``b_x, b_y, A_xx, A_yy,
        xy``.
    """
    u = torch.arange(-radius, radius + 1, dtype=torch.float64)
    g = torch.exp(-u**2 / (2 * sigma**2))
    y, x = torch.meshgrid(u, u, indexing='ij')
    basis = torch.stack([torch.ones_like(x), x, y, x * x, y * y,
                         x * y]).flatten(1)  # (6, K*K)
    applicability = (g[:, None] * g[None]).flatten()
    gram = (basis * applicability) @ basis.T  # (6, 6)
    dual = torch.linalg.inv(gram)[1:] @ (basis * applicability)  # (5, K*K)
    size = 2 * radius + 1
    return dual.view(5, 1, size, size).float()


def polynomial_expansion(frames: torch.Tensor,
                         filters: torch.Tensor) -> torch.Tensor:
    """(B, 1, H, W) -> (B, 5, H, W) expansion coefficients (replicated
    border): one convolution with the filters of
    :func:`polynomial_filters`."""
    radius = filters.shape[-1] // 2
    padded = F.pad(frames, (radius, ) * 4, mode='replicate')
    return F.conv2d(padded, filters)


def border_weight(height: int, width: int) -> torch.Tensor:
    """(H, W) weights of the displacement equations: OpenCV's lower weights
    for the 5 pixels nearest each border."""

    def along(length):
        weight = torch.ones(length)
        for i, value in enumerate(BORDER_WEIGHTS[:math.ceil(length / 2)]):
            weight[i] = weight[length - 1 - i] = value
        return weight

    return along(height)[:, None] * along(width)[None]


def displacement_equations(prev: torch.Tensor, nxt: torch.Tensor,
                           flow: torch.Tensor,
                           weight: torch.Tensor) -> torch.Tensor:
    """Per-pixel normal equations of ``A d = delta_b`` (Farneback, Sec. 4.4
    with a prior displacement).

    The second frame's expansion is sampled at ``x + flow`` (bilinear);
    where that falls outside the frame, only the first frame's ``A`` is used
    and its ``b`` is compared with zero.

    Returns:
        Tensor: (P, 5, H, W): ``G_xx, G_xy, G_yy, h_x, h_y`` of
        ``G = A^T A``, ``h = A^T delta_b``.
    """
    p, _, h, w = prev.shape
    ys = torch.arange(h, device=prev.device, dtype=torch.float32)
    xs = torch.arange(w, device=prev.device, dtype=torch.float32)
    fx = xs.view(1, 1, w) + flow[:, 0]  # (P, H, W)
    fy = ys.view(1, h, 1) + flow[:, 1]
    grid = torch.stack(
        [fx * (2 / max(w - 1, 1)) - 1, fy * (2 / max(h - 1, 1)) - 1], -1)
    warped = F.grid_sample(
        nxt, grid, mode='bilinear', padding_mode='border', align_corners=True)
    inside = ((fx.floor() >= 0) & (fx.floor() < w - 1) & (fy.floor() >= 0)
              & (fy.floor() < h - 1)).unsqueeze(1)
    warped = torch.where(inside, warped, torch.zeros_like(warped))
    a_xx = torch.where(inside[:, 0], (prev[:, 2] + warped[:, 2]) / 2, prev[:,
                                                                           2])
    a_yy = torch.where(inside[:, 0], (prev[:, 3] + warped[:, 3]) / 2, prev[:,
                                                                           3])
    # off-diagonal of A: half the xy coefficient, averaged over both frames
    a_xy = torch.where(inside[:, 0], (prev[:, 4] + warped[:, 4]) / 4,
                       prev[:, 4] / 2)
    db_x = (prev[:, 0] - warped[:, 0]) / 2 + a_xx * flow[:, 0] + \
        a_xy * flow[:, 1]
    db_y = (prev[:, 1] - warped[:, 1]) / 2 + a_xy * flow[:, 0] + \
        a_yy * flow[:, 1]
    a_xx, a_yy, a_xy = a_xx * weight, a_yy * weight, a_xy * weight
    db_x, db_y = db_x * weight, db_y * weight
    return torch.stack([
        a_xx * a_xx + a_xy * a_xy, a_xy * (a_xx + a_yy), a_xy * a_xy +
        a_yy * a_yy, a_xx * db_x + a_xy * db_y, a_xy * db_x + a_yy * db_y
    ], 1)


def box_mean(equations: torch.Tensor, winsize: int) -> torch.Tensor:
    """Mean over a ``winsize`` square window (replicated border), as two
    1D means over sliding windows (two reductions over strided views: on a
    CPU 2.5x faster than average pooling, which sums each window anew)."""
    size = winsize // 2 * 2 + 1
    padded = F.pad(equations, (size // 2, ) * 4, mode='replicate')
    rows = padded.unfold(3, size, 1).mean(-1)
    return rows.unfold(2, size, 1).mean(-1)


def solve_displacement(equations: torch.Tensor) -> torch.Tensor:
    """(P, 5, H, W) averaged normal equations -> (P, 2, H, W) flow, with
    OpenCV's regularisation of the determinant."""
    g_xx, g_xy, g_yy, h_x, h_y = equations.unbind(1)
    inv_det = 1 / (g_xx * g_yy - g_xy * g_xy + 1e-3)
    return torch.stack([(g_yy * h_x - g_xy * h_y) * inv_det,
                        (g_xx * h_y - g_xy * h_x) * inv_det], 1)
