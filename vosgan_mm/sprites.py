"""The embedded sprite videos, drawn from numbers: a clip is a static
background (:func:`render_background`) and up to a few textured discs or
squares moving at constant velocity over it, each sprite a row of
:data:`SPRITE_FIELDS` (:func:`draw_sprites`).

The two renderers draw the same frames, masks and flow (tested to the
byte): :func:`render_sprite_clip` one clip from its seed with numpy
(``SpriteVideoDataset``'s workers), and :func:`render_sprite_videos` a batch
of clips from their scenes with a few large tensor operations on the
model's device (``VideoGANDataPreprocessor``). Both data sets and models
import this module; it imports nothing of the package.
"""
import math
from typing import Dict

import cv2
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


def render_background(rng: np.random.Generator, size: int) -> np.ndarray:
    """A static outdoor-like scene: sky over a textured field. (H, W, 3)
    float32 in [0, 1]."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / size
    horizon = rng.uniform(0.25, 0.55)
    sky = rng.uniform([0.45, 0.6, 0.8], [0.75, 0.85, 1.0])
    field = rng.uniform([0.1, 0.35, 0.05], [0.4, 0.65, 0.25])
    is_sky = (yy < horizon)[..., None]
    shade = (1.0 - 0.3 * yy)[..., None]  # darker towards the bottom
    image = np.where(is_sky, sky * (0.85 + 0.3 * yy[..., None]), field * shade)
    texture = np.zeros((size, size), np.float32)
    for _ in range(3):  # a few gratings
        fx, fy = rng.uniform(-12, 12, size=2)
        texture += np.sin(2 * np.pi * (fx * xx + fy * yy) + rng.uniform(0, 6))
    noise = cv2.GaussianBlur(
        rng.standard_normal((size, size)).astype(np.float32), (0, 0), 1.5)
    texture = 0.03 * texture + 0.12 * noise
    image = image + np.where(is_sky, 0.3, 1.0) * texture[..., None]
    return np.clip(image, 0, 1).astype(np.float32)


def _span(centre: float, radius: float, size: int) -> slice:
    """The pixel rows (or columns) within ``radius`` of ``centre``, with a
    pixel of margin, clipped to the frame."""
    return slice(
        max(0,
            math.floor(centre - radius) - 1),
        min(size,
            math.ceil(centre + radius) + 2))


def render_sprite_clip(seed: int,
                       num_frames: int = 32,
                       size: int = 64,
                       max_sprites: int = 2,
                       crop_to_sprites: bool = True) -> Dict[str, np.ndarray]:
    """One procedural clip: 1..``max_sprites`` textured discs or squares
    moving at constant velocity over a static background.

    Args:
        crop_to_sprites (bool): Evaluate each sprite's shape only inside its
            bounding box (and a pixel of margin), about 2x faster than over
            the whole frame (False), with the same result to the byte.

    Returns:
        dict: ``imgs`` (T, H, W, 3) uint8 RGB, ``gt_masks`` (T, H, W) uint8
        in {0, 1}, ``gt_flow`` (T-1, H, W, 2) float32, the true motion
        (x, y) in pixels of each visible pixel from frame t to t+1.
    """
    rng = np.random.default_rng(seed)
    background = render_background(rng, size)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    frames = np.repeat(background[None], num_frames, axis=0)
    masks = np.zeros((num_frames, size, size), np.uint8)
    flow = np.zeros((num_frames, size, size, 2), np.float32)
    frame = (slice(None), slice(None))
    for (present, radius, *start, vx, vy, red, green, blue, is_disc,
         period) in draw_sprites(rng, num_frames, size, max_sprites):
        if not present:
            break
        start, velocity = np.array(start), np.array([vx, vy])
        colour = np.array([red, green, blue])
        for t in range(num_frames):
            cx, cy = start + velocity * t
            box = (_span(cy, radius, size),
                   _span(cx, radius, size)) if crop_to_sprites else frame
            dx, dy = xx[box] - cx, yy[box] - cy
            inside = (dx**2 + dy**2 <= radius**2) if is_disc else \
                (np.maximum(np.abs(dx), np.abs(dy)) <= radius)
            # stripes fixed to the sprite, so its inside moves too
            stripes = 0.7 + 0.3 * np.sin(2 * np.pi * (dx + dy) / period)
            frames[t][box][inside] = (colour * stripes[..., None])[inside]
            masks[t][box][inside] = 1
            flow[t][box][inside] = velocity
    return dict(
        imgs=(frames * 255).round().astype(np.uint8),
        gt_masks=masks,
        gt_flow=flow[:-1])


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
