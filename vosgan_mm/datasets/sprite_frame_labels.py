"""Labelled frames of the embedded sprite videos, for an in-domain image
classifier of IS, FCD and FID.

The class of a frame is what it shows: how many discs and how many
squares (1 or 2 sprites, so 5 classes). Count and shape are visible in
every frame, whatever the background and the motion, so a classifier of
them is confident on a well-drawn frame and unsure on a frame with no
object, a blob, or half a disc: IS then rewards frames with clear objects
in the proportions of the data, and the classifier's features describe
the objects, which is what FCD compares between frames. Colour, stripes
and position are left out of the class: they vary continuously and would
split one kind of object over many classes.
"""
from typing import Iterator, Tuple

import numpy as np

from vosgan_mm.sprites import SPRITE_FIELDS

from .sprite_video_dataset import SpriteVideoDataset

# (discs, squares) of each class, in class order
SPRITE_FRAME_CLASSES = ((1, 0), (0, 1), (2, 0), (1, 1), (0, 2))
SPRITE_FRAME_CLASS_NAMES = ('one disc', 'one square', 'two discs',
                            'a disc and a square', 'two squares')
_PRESENT = SPRITE_FIELDS.index('present')
_IS_DISC = SPRITE_FIELDS.index('is_disc')


def sprite_frame_label(sprite_params: np.ndarray) -> int:
    """The class of a clip's frames from its scene's sprite rows
    (``(max_sprites, len(SPRITE_FIELDS))``, as ``draw_sprites`` gives)."""
    present = sprite_params[:, _PRESENT] > 0
    discs = int(np.sum(present & (sprite_params[:, _IS_DISC] > 0)))
    squares = int(np.sum(present)) - discs
    try:
        return SPRITE_FRAME_CLASSES.index((discs, squares))
    except ValueError:
        raise ValueError(
            f'a scene of {discs} discs and {squares} squares has no class: '
            f'the labels cover 1 or 2 sprites') from None


def foreground_box(mask: np.ndarray) -> Tuple[int, int, int, int]:
    """(top, bottom, left, right) of a frame's foreground, end exclusive;
    the whole frame where it has none."""
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        return 0, mask.shape[0], 0, mask.shape[1]
    return rows.min(), rows.max() + 1, cols.min(), cols.max() + 1


def labelled_sprite_frames(
        seed: int,
        num_clips: int,
        frames_per_clip: int = 4,
        crop_share: float = 0.5,
        frame_size: int = 64) -> Iterator[Tuple[np.ndarray, int]]:
    """Frames of ``SpriteVideoDataset(seed)``'s first ``num_clips`` clips
    with their class: ``frames_per_clip`` evenly spaced frames a clip, each
    (H, W, 3) uint8 RGB. A share ``crop_share`` of them (chosen from the
    seed) is the box of the frame's foreground instead, as FCD crops it
    (the classifier sees whole frames for IS and FID and foreground boxes
    for FCD); a crop keeps its own size."""
    frames = SpriteVideoDataset(
        num_clips=num_clips, seed=seed, frame_size=frame_size)
    scenes = SpriteVideoDataset(
        num_clips=num_clips,
        seed=seed,
        frame_size=frame_size,
        render_frames=False)
    choice = np.random.default_rng([seed, 1])
    for idx in range(num_clips):
        clip = frames.get_data_info(idx)
        label = sprite_frame_label(scenes.get_data_info(idx)['sprite_params'])
        steps = np.linspace(0, len(clip['imgs']) - 1,
                            frames_per_clip).round().astype(int)
        for t in steps:
            image = clip['imgs'][t]
            if choice.random() < crop_share:
                top, bottom, left, right = foreground_box(clip['gt_masks'][t])
                image = image[top:bottom, left:right]
            yield image, label
