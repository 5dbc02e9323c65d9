"""Sprite clips drawn on the model's device from their scenes, a batch at
a time: a static background and a row of :data:`SPRITE_FIELDS` per sprite
(``vosgan_mm.datasets.sprite_scenes.draw_sprites`` draws them as the
embedded data set's renderer does). The same frames, masks and flow as
``render_sprite_clip``, from a few large tensor operations.
"""
from typing import Dict

import torch

# one row per sprite; ``present`` is 0 for the unused rows of a clip with
# fewer sprites than the most
SPRITE_FIELDS = ('present', 'radius', 'start_x', 'start_y', 'velocity_x',
                 'velocity_y', 'red', 'green', 'blue', 'is_disc', 'period')


def render_sprite_videos(backgrounds: torch.Tensor,
                         sprites: torch.Tensor,
                         num_frames: int,
                         with_labels: bool = True) -> Dict[str, torch.Tensor]:
    """Clips from their scenes, all at once, on the tensors' device.

    Args:
        backgrounds (Tensor): (N, H, W, 3) float32 in [0, 1].
        sprites (Tensor): (N, S, 11) float64 rows of :data:`SPRITE_FIELDS`
            (later sprites are drawn over earlier ones).
        num_frames (int): Frames per clip.
        with_labels (bool): Also draw the masks and the true flow.
            Defaults to True.

    Returns:
        dict: ``video`` (N, 3, T, H, W) uint8 RGB and, with labels,
        ``gt_masks`` (N, T, H, W) uint8 in {0, 1} and ``gt_flow`` (N, T-1,
        H, W, 2) float32, the true motion (x, y) in pixels of each visible
        pixel from frame t to t+1.
    """
    n, h, w, _ = backgrounds.shape
    device = backgrounds.device
    sprites = sprites.to(device, torch.float64)
    frames = backgrounds[:, None].expand(n, num_frames, h, w, 3).clone()
    if with_labels:
        masks = torch.zeros((n, num_frames, h, w),
                            dtype=torch.bool,
                            device=device)
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
        if with_labels:
            masks |= inside
            velocity = torch.stack([velocity_x, velocity_y], -1).float()
            flow = torch.where(inside[..., None], velocity, flow)
    video = (frames * 255).round().to(torch.uint8).permute(0, 4, 1, 2, 3)
    if not with_labels:
        return dict(video=video)
    return dict(
        video=video, gt_masks=masks.to(torch.uint8), gt_flow=flow[:, :-1])
