import numpy as np
import pytest

from vosgan_mm.datasets import SpriteVideoDataset
from vosgan_mm.datasets.sprite_frame_labels import (SPRITE_FRAME_CLASSES,
                                                    foreground_box,
                                                    labelled_sprite_frames,
                                                    sprite_frame_label)
from vosgan_mm.sprites import SPRITE_FIELDS


def scene(*shapes):
    """Sprite rows for the given shapes ('disc' or 'square'), padded to
    two rows with absent sprites."""
    rows = np.zeros((max(2, len(shapes)), len(SPRITE_FIELDS)))
    for row, shape in zip(rows, shapes):
        row[SPRITE_FIELDS.index('present')] = 1
        row[SPRITE_FIELDS.index('is_disc')] = float(shape == 'disc')
    return rows


@pytest.mark.parametrize('shapes,expected', [
    (('disc', ), 0),
    (('square', ), 1),
    (('disc', 'disc'), 2),
    (('square', 'disc'), 3),
    (('disc', 'square'), 3),
    (('square', 'square'), 4),
])
def test_the_class_counts_discs_and_squares(shapes, expected):
    assert sprite_frame_label(scene(*shapes)) == expected
    assert SPRITE_FRAME_CLASSES[expected] == (shapes.count('disc'),
                                              shapes.count('square'))


def test_scenes_outside_the_classes_are_refused():
    with pytest.raises(ValueError, match='3 discs and 0 squares'):
        sprite_frame_label(scene('disc', 'disc', 'disc'))
    with pytest.raises(ValueError, match='0 discs and 0 squares'):
        sprite_frame_label(scene())


def test_foreground_box_is_the_masks_bounding_box():
    mask = np.zeros((8, 10), np.uint8)
    mask[2:5, 3:4] = 1
    mask[6, 7] = 1
    assert foreground_box(mask) == (2, 7, 3, 8)
    assert foreground_box(np.zeros((8, 10))) == (0, 8, 0, 10)


def test_labelled_frames_are_the_data_sets_frames_and_crops():
    pairs = list(labelled_sprite_frames(seed=3, num_clips=6, crop_share=0.5))
    assert len(pairs) == 6 * 4
    clips = SpriteVideoDataset(num_clips=6, seed=3)
    scenes = SpriteVideoDataset(num_clips=6, seed=3, render_frames=False)
    crops = 0
    for k, (image, label) in enumerate(pairs):
        clip = clips.get_data_info(k // 4)
        t = np.linspace(0, 31, 4).round().astype(int)[k % 4]
        assert label == sprite_frame_label(
            scenes.get_data_info(k // 4)['sprite_params'])
        if image.shape == (64, 64, 3):
            np.testing.assert_array_equal(image, clip['imgs'][t])
        else:
            crops += 1
            top, bottom, left, right = foreground_box(clip['gt_masks'][t])
            np.testing.assert_array_equal(
                image, clip['imgs'][t][top:bottom, left:right])
    assert 0 < crops < len(pairs)
    # no crops asked, none given
    assert all(
        image.shape == (64, 64, 3)
        for image, _ in labelled_sprite_frames(3, 2, crop_share=0))
