from typing import Dict, Optional

import torch

from vosgan_mm.registry import MODELS
from .host_to_device import host_to_device


@MODELS.register_module()
class SlerpTrajectorySampler:
    """Samples VOS-GAN's two latent codes (paper Sec. 3.1).

    The scene code ``z_C`` is one Gaussian vector per video. The motion code
    ``z_M`` is a trajectory of ``num_frames`` points made by spherical linear
    interpolation (SLERP) between a sampled start and end point, both
    endpoints included.

    Args:
        latent_dim (int): Size of each latent vector. Defaults to 100.
        num_frames (int): Points on the motion trajectory (T). Defaults to 32.
    """

    def __init__(self, latent_dim: int = 100, num_frames: int = 32):
        if num_frames < 2:
            raise ValueError(
                f'num_frames must be at least 2 for a trajectory, got '
                f'{num_frames}')
        self.latent_dim = latent_dim
        self.num_frames = num_frames

    @staticmethod
    def slerp(start: torch.Tensor, end: torch.Tensor,
              num_points: int) -> torch.Tensor:
        """Spherical linear interpolation from ``start`` to ``end``.

        ``p(s) = sin((1-s)w)/sin(w) * start + sin(s w)/sin(w) * end`` with
        ``w`` the angle between the two points and ``s`` in [0, 1]; points
        that are (anti)parallel fall back to linear interpolation.

        Args:
            start (Tensor): (N, D) first points.
            end (Tensor): (N, D) last points.
            num_points (int): Points on each path, endpoints included.

        Returns:
            Tensor: (N, num_points, D); ``[:, 0]`` is ``start`` and
            ``[:, -1]`` is ``end``.
        """
        if start.shape != end.shape or start.dim() != 2:
            raise ValueError('slerp expects start and end of the same shape '
                             f'(N, D), got {tuple(start.shape)} and '
                             f'{tuple(end.shape)}')
        s = torch.linspace(
            0, 1, num_points, dtype=start.dtype,
            device=start.device).view(1, -1, 1)  # (1, T, 1)
        cos = torch.nn.functional.cosine_similarity(start, end, dim=1)
        omega = torch.acos(cos.clamp(-1, 1)).view(-1, 1, 1)
        sin_omega = torch.sin(omega)
        # (anti)parallel points have no unique great circle: lerp instead
        parallel = (sin_omega.abs() < 1e-6).expand(-1, num_points, 1)
        safe_sin = torch.where(sin_omega.abs() < 1e-6,
                               torch.ones_like(sin_omega), sin_omega)
        w_start = torch.sin((1 - s) * omega) / safe_sin
        w_end = torch.sin(s * omega) / safe_sin
        w_start = torch.where(parallel, 1 - s.expand_as(w_start), w_start)
        w_end = torch.where(parallel, s.expand_as(w_end), w_end)
        path = w_start * start[:, None] + w_end * end[:, None]
        # make the endpoints exact, free of rounding in the sine weights
        path[:, 0] = start
        path[:, -1] = end
        return path

    def sample(self,
               batch_size: int,
               generator: Optional[torch.Generator] = None,
               device=None) -> Dict[str, torch.Tensor]:
        """Draws ``batch_size`` pairs of latent codes.

        Args:
            batch_size (int): Number of videos.
            generator (torch.Generator, optional): Random source (on CPU).
            device: Device of the returned tensors.

        Returns:
            dict: ``z_scene`` (N, D) and ``z_motion`` (N, T, D).
        """
        shape = (batch_size, self.latent_dim)
        z_scene = torch.randn(shape, generator=generator)
        start = torch.randn(shape, generator=generator)
        end = torch.randn(shape, generator=generator)
        z_motion = self.slerp(start, end, self.num_frames)
        return dict(
            z_scene=host_to_device(z_scene, device),
            z_motion=host_to_device(z_motion, device))
