import numpy as np

from vosgan_mm.datasets import PhotoSceneSegmentationDataset
from vosgan_mm.datasets.photo_scene_frame_labels import (
    PHOTO_SCENE_FRAME_CLASS_NAMES, dominant_object,
    labelled_photo_scene_frames)
from vosgan_mm.datasets.photo_scenes import IMAGES, render_photo_scene_clip
from vosgan_mm.datasets.sprite_frame_labels import foreground_box


def test_the_dominant_object_counts_what_is_visible():
    masks = np.zeros((2, 8, 8), bool)
    masks[0, :, :6] = True  # 48 pixels before occlusion
    masks[1, :, 2:] = True  # drawn over it: 48 visible, object 0 keeps 16
    assert dominant_object(masks) == 1
    masks[1] = False
    masks[1, 0, 0] = True  # object 0 keeps 47
    assert dominant_object(masks) == 0
    assert dominant_object(np.zeros((2, 8, 8), bool)) is None
    assert dominant_object(np.zeros((0, 8, 8), bool)) is None


def test_the_renderer_names_its_photographs():
    clip = render_photo_scene_clip(5, ('occlusion', ))
    assert clip['background'] in IMAGES
    assert len(clip['object_photos']) == 2
    assert len({clip['background'], *clip['object_photos']}) == 3


def test_labelled_frames_are_the_benchmarks_frames_and_boxes():
    pairs = list(labelled_photo_scene_frames(seed=3, num_clips=6))
    assert len(pairs) == 6 * 4
    dataset = PhotoSceneSegmentationDataset(num_clips=6, seed=3)
    crops = 0
    for k, (image, label) in enumerate(pairs):
        clip = render_photo_scene_clip(dataset.clip_seed(k // 4),
                                       dataset.factors)
        t = np.linspace(0, 31, 4).round().astype(int)[k % 4]
        if image.shape == (64, 64, 3):
            np.testing.assert_array_equal(image, clip['imgs'][t])
            assert PHOTO_SCENE_FRAME_CLASS_NAMES[label] == clip['background']
        else:
            crops += 1
            top, bottom, left, right = foreground_box(clip['gt_masks'][t])
            np.testing.assert_array_equal(
                image, clip['imgs'][t][top:bottom, left:right])
            main = dominant_object(clip['object_masks'][:, t])
            assert PHOTO_SCENE_FRAME_CLASS_NAMES[label] == \
                clip['object_photos'][main]
            assert label != IMAGES.index(clip['background'])
    assert 0 < crops < len(pairs)
