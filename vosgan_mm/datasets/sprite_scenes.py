"""The sprite videos' scenes as numbers: a clip of the embedded data set is
a static background and up to a few sprites, each a row of
:data:`SPRITE_FIELDS`. :func:`draw_sprites` draws those rows from a clip's
random source in the order :func:`~vosgan_mm.datasets.render_sprite_clip`
does; the data preprocessor draws a batch of clips from their scenes on the
model's device (``render_sprite_videos`` in
``vosgan_mm/models/data_preprocessors/sprite_rendering.py``).
"""
import numpy as np

from vosgan_mm.models.data_preprocessors.sprite_rendering import SPRITE_FIELDS


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
