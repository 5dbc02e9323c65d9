import torch
import torch.nn as nn
import torch.nn.functional as F

from vosgan_mm.registry import MODELS


@MODELS.register_module()
class CanvasCamera(nn.Module):
    """A camera that moves over the generator's background image.

    The background stream's image becomes a canvas; frame ``t`` shows
    ``1 - margin`` of its width and height, shifted from the centre by
    ``margin * tanh(a_t)`` (in units of half the canvas), where ``a_t``
    (two numbers, x and y) is a linear map of the motion encoder's output
    at step ``t``. The view never leaves the canvas. The map starts at
    zero, so an untrained camera stands still at the centre; the generator
    learns pans and shakes only where the adversarial loss asks for them
    (real clips with camera motion). Off in the paper's configs.

    Even standing still, the camera changes the background: each frame
    shows a part of the canvas stretched back to the full size (bilinear),
    so the background has ``1 - margin`` of the no-camera resolution. A
    measurement of this lever measures both.

    Args:
        in_features (int): Size of the motion encoder's output per step
            (the generator passes its ``motion_hidden_dim``).
        margin (float): Share of the canvas's half-size the view may move
            in each direction, in (0, 1); the view covers ``1 - margin`` of
            the canvas. Defaults to 0.25.

    Shapes:
        ``shifts(motion_steps, num_frames)``: (N, S, in_features) ->
        (N, T, 2) in [-margin, margin] (x then y; S steps are resampled
        linearly to T frames). ``view(canvas, shifts)``: (N, C, H, W) and
        (N, T, 2) -> (N, C, T, H, W).
    """

    def __init__(self, in_features: int, margin: float = 0.25):
        super().__init__()
        if not 0 < margin < 1:
            raise ValueError(
                f'CanvasCamera margin must be in (0, 1), got {margin}: the '
                'view covers 1 - margin of the canvas')
        self.margin = float(margin)
        # zero at the start (the generator's DCGAN initialisation leaves
        # linear layers alone; a checkpoint's values load over it)
        self.path = nn.Linear(in_features, 2)
        nn.init.zeros_(self.path.weight)
        nn.init.zeros_(self.path.bias)

    def shifts(self, motion_steps: torch.Tensor,
               num_frames: int) -> torch.Tensor:
        """(N, S, F) motion encoder outputs -> (N, T, 2) view shifts."""
        shifts = self.margin * torch.tanh(self.path(motion_steps))
        if shifts.shape[1] != num_frames:
            shifts = F.interpolate(
                shifts.transpose(1, 2),
                size=num_frames,
                mode='linear',
                align_corners=True).transpose(1, 2)
        return shifts

    def view(self, canvas: torch.Tensor, shifts: torch.Tensor) -> torch.Tensor:
        """What the camera sees of ``canvas`` in each frame, in the
        canvas's dtype. The sampling runs in float32 (a bfloat16 grid
        would misplace pixels by a fraction of a pixel)."""
        n, c, h, w = canvas.shape
        t = shifts.shape[1]
        with torch.autocast(canvas.device.type, enabled=False):
            theta = shifts.new_zeros(n * t, 2, 3, dtype=torch.float32)
            theta[:, 0, 0] = theta[:, 1, 1] = 1 - self.margin
            theta[:, :, 2] = shifts.reshape(n * t, 2).float()
            grid = F.affine_grid(
                theta, [n * t, c, h, w], align_corners=False)
            frames = F.grid_sample(
                canvas.float().repeat_interleave(t, dim=0),
                grid,
                mode='bilinear',
                padding_mode='border',
                align_corners=False)  # (N * T, C, H, W)
        return frames.view(n, t, c, h, w).transpose(1, 2).to(canvas.dtype)
