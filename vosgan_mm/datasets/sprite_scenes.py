"""The sprite videos' scenes as numbers, and a renderer of many clips at
once on any device.

A clip of the embedded data set is a static background and up to a few
sprites, each a row of :data:`SPRITE_FIELDS`. :func:`draw_sprites` draws
those rows from a clip's random source in the order
:func:`~vosgan_mm.datasets.render_sprite_clip` does, and
:func:`render_sprite_videos` draws a batch of clips from their backgrounds
and rows as a few large tensor operations, on the GPU where the model is:
the same frames, masks and flow as the per-clip renderer.
"""
from typing import Dict

import numpy as np
import torch

# one row per sprite; ``present`` is 0 for the unused rows of a clip with
# fewer sprites than the most
SPRITE_FIELDS = ('present', 'radius', 'start_x', 'start_y', 'velocity_x',
                 'velocity_y', 'red', 'green', 'blue', 'is_disc', 'period')


def draw_sprites(rng: np.random.Generator, num_frames: int, size: int,
                 max_sprites: int) -> np.ndarray:
    """1..``max_sprites`` sprites: textured discs or squares moving at
    constant velocity. Returns a (max_sprites, 11) float64 array of
    :data:`SPRITE_FIELDS`, the sprites drawn first in the first rows."""
    sprites = np.zeros((max_sprites, len(SPRITE_FIELDS)))
    for row in sprites[:rng.integers(1, max_sprites + 1)]:
        radius = rng.uniform(0.08, 0.16) * size
        lo, hi = radius, size - radius
        start = rng.uniform(lo, hi, size=2)
        end = rng.uniform(lo, hi, size=2)
        while np.linalg.norm(end - start) < 0.25 * size:
            end = rng.uniform(lo, hi, size=2)
        velocity = (end - start) / (num_frames - 1)  # (x, y) px per frame
        colour = rng.uniform(0, 1, size=3)
        colour[rng.integers(3)] = 1.0  # saturated
        colour[rng.integers(3)] *= 0.3
        is_disc = rng.random() < 0.5
        period = rng.uniform(4, 9)
        row[:] = (1, radius, *start, *velocity, *colour, is_disc, period)
    return sprites


def render_sprite_videos(backgrounds: torch.Tensor, sprites: torch.Tensor,
                         num_frames: int) -> Dict[str, torch.Tensor]:
    """Clips from their scenes, all at once, on the tensors' device.

    Args:
        backgrounds (Tensor): (N, H, W, 3) float32 in [0, 1].
        sprites (Tensor): (N, S, 11) float64 rows of :data:`SPRITE_FIELDS`
            (later sprites are drawn over earlier ones).
        num_frames (int): Frames per clip.

    Returns:
        dict: ``video`` (N, 3, T, H, W) uint8 RGB, ``gt_masks`` (N, T, H,
        W) uint8 in {0, 1}, ``gt_flow`` (N, T-1, H, W, 2) float32, the true
        motion (x, y) in pixels of each visible pixel from frame t to t+1.
    """
    n, h, w, _ = backgrounds.shape
    device = backgrounds.device
    sprites = sprites.to(device, torch.float64)
    frames = backgrounds[:, None].expand(n, num_frames, h, w, 3).clone()
    masks = torch.zeros((n, num_frames, h, w), dtype=torch.bool, device=device)
    flow = torch.zeros((n, num_frames, h, w, 2), device=device)
    ys = torch.arange(h, dtype=torch.float64, device=device).view(1, 1, h, 1)
    xs = torch.arange(w, dtype=torch.float64, device=device).view(1, 1, 1, w)
    t = torch.arange(
        num_frames, dtype=torch.float64, device=device).view(1, -1, 1, 1)
    for s in range(sprites.shape[1]):
        (present, radius, start_x, start_y, velocity_x, velocity_y, red, green,
         blue, is_disc, period) = (
             field.view(n, 1, 1, 1) for field in sprites[:, s].unbind(1))
        # float64, as the per-clip renderer, so edges fall on the same pixels
        dx = xs - (start_x + velocity_x * t)  # (N, T, 1, W)
        dy = ys - (start_y + velocity_y * t)  # (N, T, H, 1)
        disc = dx * dx + dy * dy <= radius * radius
        square = torch.maximum(dx.abs(), dy.abs()) <= radius
        inside = torch.where(is_disc > 0, disc, square) & (present > 0)
        # stripes fixed to the sprite, so its inside moves too
        stripes = 0.7 + 0.3 * torch.sin(2 * torch.pi * (dx + dy) / period)
        colour = torch.stack([red, green, blue], -1)  # (N, 1, 1, 1, 3)
        painted = (colour * stripes[..., None]).float()
        frames = torch.where(inside[..., None], painted, frames)
        masks |= inside
        velocity = torch.stack([velocity_x, velocity_y], -1).float()
        flow = torch.where(inside[..., None], velocity, flow)
    video = (frames * 255).round().to(torch.uint8)
    return dict(
        video=video.permute(0, 4, 1, 2, 3),
        gt_masks=masks.to(torch.uint8),
        gt_flow=flow[:, :-1])
