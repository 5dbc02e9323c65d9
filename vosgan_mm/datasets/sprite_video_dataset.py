import math
from typing import Dict, List

import cv2
import numpy as np
from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS

from .sprite_scenes import draw_sprites


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


@DATASETS.register_module()
class SpriteVideoDataset(BaseDataset):
    """The embedded default data set: procedural sprite videos.

    Clip ``i`` is rendered on the fly from ``seed`` and ``i``
    (:func:`render_sprite_clip`), identical on every visit and machine, with
    its ground-truth foreground masks (``gt_masks``) and true flow
    (``gt_flow``). Nothing is downloaded or written.

    Args:
        num_clips (int): Clips in the data set. Defaults to 2048.
        seed (int): Seed of the data set. Defaults to 0.
        num_frames (int): Frames per clip. Defaults to 32.
        frame_size (int): Frame height and width. Defaults to 64.
        max_sprites (int): Moving objects per clip at most. Defaults to 2.
        render_frames (bool): Draw the frames here (default). False gives
            each clip's scene instead, ``sprite_background`` (H, W, 3)
            float32 and ``sprite_params`` (S, 11) float64, for
            ``PackSpriteScene``: the data preprocessor then draws the
            frames of a whole batch on the model's device
            (``render_sprite_videos``,
            the same frames), without masks and flow.
        pipeline (list): Transforms; ``imgs`` holds (T, H, W, 3) uint8 RGB.
    """

    def __init__(self,
                 num_clips: int = 2048,
                 seed: int = 0,
                 num_frames: int = 32,
                 frame_size: int = 64,
                 max_sprites: int = 2,
                 render_frames: bool = True,
                 pipeline: List = (),
                 **kwargs):
        if num_clips < 1:
            raise ValueError(f'num_clips must be positive, got {num_clips}')
        self.num_clips = num_clips
        self.seed = seed
        self.num_frames = num_frames
        self.frame_size = frame_size
        self.max_sprites = max_sprites
        self.render_frames = render_frames
        super().__init__(pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        return [
            dict(clip_id=f'sprite-{self.seed}-{i:06d}', clip_index=i)
            for i in range(self.num_clips)
        ]

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        clip_seed = int(
            np.random.SeedSequence([self.seed,
                                    info['clip_index']]).generate_state(1)[0])
        if self.render_frames:
            info.update(
                render_sprite_clip(clip_seed, self.num_frames, self.frame_size,
                                   self.max_sprites))
        else:  # the scene only, drawn from the same random source
            rng = np.random.default_rng(clip_seed)
            info['sprite_background'] = render_background(rng, self.frame_size)
            info['sprite_params'] = draw_sprites(rng, self.num_frames,
                                                 self.frame_size,
                                                 self.max_sprites)
            info['num_frames'] = self.num_frames
        info['img_shape'] = info['original_shape'] = (self.frame_size,
                                                      self.frame_size)
        return info
