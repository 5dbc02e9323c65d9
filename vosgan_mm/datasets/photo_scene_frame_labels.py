"""Labelled frames of the photo-scene benchmark, for an in-domain image
classifier of IS, FCD and FID.

The class of an image is the photograph it is made of (7 classes, the
renderer's ``IMAGES``): a whole frame's is its background's photograph, a
foreground box's that of the texture of the object showing the most pixels
in the frame. The photograph is visible in every frame under every factor
(camera motion, ripples, light, noise, compression), so a classifier of it
is confident on a frame that looks like a scene of the data and unsure on a
smear: IS then rewards clear scenes drawn from every photograph in the
data's proportions (equal: the renderer draws them as a permutation), FID
compares the scenes' features and FCD, on the foreground boxes, the
objects' content. Shapes, positions and the camera's path are left out of
the class: they vary continuously or are shared by every photograph.
"""
from typing import Iterator, Optional, Tuple

import numpy as np

from .photo_scene_segmentation_dataset import PhotoSceneSegmentationDataset
from .photo_scenes import IMAGES, render_photo_scene_clip
from .sprite_frame_labels import foreground_box

PHOTO_SCENE_FRAME_CLASS_NAMES = IMAGES


def dominant_object(object_masks: np.ndarray) -> Optional[int]:
    """The index of the object that shows the most pixels in one frame,
    from its (K, H, W) masks before occlusion (a later object is drawn
    over an earlier one); None when no object is in the frame."""
    visible = object_masks.copy()
    for k in range(len(visible) - 1):
        visible[k] &= ~object_masks[k + 1:].any(0)
    counts = visible.sum(axis=(1, 2))
    if counts.size == 0 or counts.max() == 0:
        return None
    return int(counts.argmax())


def labelled_photo_scene_frames(
        seed: int,
        num_clips: int,
        frames_per_clip: int = 4,
        crop_share: float = 0.5,
        scenario: str = 'all') -> Iterator[Tuple[np.ndarray, int]]:
    """Frames of ``PhotoSceneSegmentationDataset(seed, scenario)``'s first
    ``num_clips`` clips with their class: ``frames_per_clip`` evenly spaced
    frames a clip, each (H, W, 3) uint8 RGB. A share ``crop_share`` of them
    (chosen from the seed) is the box of the frame's foreground instead, as
    FCD crops it, labelled by its dominant object's photograph; a frame
    with no object in view stays whole, labelled by its background."""
    clips = PhotoSceneSegmentationDataset(
        num_clips=num_clips, seed=seed, scenario=scenario)
    choice = np.random.default_rng([seed, 1])
    for idx in range(num_clips):
        clip = render_photo_scene_clip(clips.clip_seed(idx), clips.factors)
        steps = np.linspace(0, len(clip['imgs']) - 1,
                            frames_per_clip).round().astype(int)
        for t in steps:
            image = clip['imgs'][t]
            label = IMAGES.index(clip['background'])
            if choice.random() < crop_share:
                k = dominant_object(clip['object_masks'][:, t])
                if k is not None:
                    top, bottom, left, right = foreground_box(
                        clip['gt_masks'][t])
                    image = image[top:bottom, left:right]
                    label = IMAGES.index(clip['object_photos'][k])
            yield image, label
