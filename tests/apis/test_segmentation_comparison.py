"""Comparing segmentations of one video: every frame's masks read and
checked, figures over the whole video, a figure of the chosen frames."""
import cv2
import numpy as np
import pytest

from tests.apis.test_segmentation_api import write_video
from vosgan_mm.apis import FrameSource, compare_segmentations
from vosgan_mm.datasets import VideoDataError


def write_masks(folder, num_frames, size=(48, 32), value=255):
    w, h = size
    (folder / 'masks').mkdir(parents=True)
    for t in range(num_frames):
        mask = np.zeros((h, w), np.uint8)
        mask[:, :w // 2] = value
        cv2.imwrite(str(folder / 'masks' / f'{t:05d}.png'), mask)
    return folder


def test_compare_segmentations_reads_every_frame_and_draws_chosen_ones(
        tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 5)))
    half = write_masks(tmp_path / 'half', 5)
    empty = write_masks(tmp_path / 'empty', 5, value=0)
    summary, grid = compare_segmentations(
        source, dict(half=str(half), empty=str(empty / 'masks')), [4, 1, 1])
    assert summary['num_frames'] == 5
    assert summary['segmentations']['half']['foreground_share'] == 0.5
    assert summary['segmentations']['empty']['temporal_iou'] == 1.0
    assert summary['iou'] == {'empty vs half': 0.0}
    assert grid.shape == (2 * 32 + 4, 2 * 48 + 4, 3)  # frames 1 and 4


def test_compare_segmentations_names_a_folder_with_too_few_masks(tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 5)))
    short = write_masks(tmp_path / 'short', 3)
    with pytest.raises(
            VideoDataError, match=r'short: 3 masks for a video of 5 frames'):
        compare_segmentations(source, dict(a=str(short)), [0])


def test_compare_segmentations_names_a_mask_of_another_size(tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 2)))
    small = write_masks(tmp_path / 'small', 2, size=(24, 16))
    with pytest.raises(
            VideoDataError,
            match=r'00000\.png: mask of 24x16 pixels for frames '
            r'of 48x32'):
        compare_segmentations(source, dict(a=str(small)), [0])


def test_compare_segmentations_refuses_a_frame_past_the_end(tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 2)))
    masks = write_masks(tmp_path / 'm', 2)
    with pytest.raises(VideoDataError, match=r'no frame 2 \(frames 0 to 1\)'):
        compare_segmentations(source, dict(a=str(masks)), [2])


def test_compare_segmentations_names_a_truncated_mask(tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 2)))
    masks = write_masks(tmp_path / 'm', 2)
    second = masks / 'masks' / '00001.png'
    second.write_bytes(second.read_bytes()[:40])
    with pytest.raises(VideoDataError,
                       match=r'00001\.png: cannot read the mask'):
        compare_segmentations(source, dict(a=str(masks)), [0])
