"""StabiliseClip: the camera's motion removed, the objects' kept."""
import os.path as osp

import cv2
import numpy as np
import pytest
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.datasets.photo_scenes import (render_photo_scene_clip,
                                             true_stabilisation)
from vosgan_mm.datasets.transforms import StabiliseClip
from vosgan_mm.models.flow import global_motion

SIZE, FRAMES, STEP = 64, 8, 2  # a pan of 2 pixels a frame


def texture(size, seed=0):
    noise = np.random.default_rng(seed).random((size, size, 3)) * 255
    return cv2.GaussianBlur(noise.astype(np.float32), (0, 0),
                            2).clip(0, 255).astype(np.uint8)


def panning_clip(with_square=False):
    """The camera pans right over a larger textured canvas; optionally a
    grey square stands still on the canvas (so it moves in the frames
    exactly as the background does)."""
    canvas = texture(SIZE + STEP * FRAMES)
    if with_square:
        canvas[30:42, 40:52] = 200
    frames, masks = [], []
    for t in range(FRAMES):
        frames.append(canvas[:SIZE, STEP * t:STEP * t + SIZE].copy())
        mask = np.zeros((SIZE + STEP * FRAMES, ) * 2, bool)
        mask[30:42, 40:52] = with_square
        masks.append(mask[:SIZE, STEP * t:STEP * t + SIZE])
    return dict(imgs=frames, gt_masks=np.stack(masks))


def test_a_pan_is_removed_inside_the_frame():
    clip = panning_clip()
    out = StabiliseClip()(dict(clip))
    frames = np.stack(out['imgs']).astype(np.float32)
    middle = frames[FRAMES // 2]
    before = np.abs(np.stack(clip['imgs']).astype(np.float32) - middle)
    after = np.abs(frames - middle)
    inner = np.s_[:, 8:-8, 24:-24]  # pixels every frame covers
    assert before[inner].mean() > 10 * after[inner].mean()
    assert after[inner].mean() < 2  # grey levels out of 255
    # each frame was moved by its offset to the middle frame, in x
    shifts = out['stabilisation'][:, 0, 2]
    expected = STEP * (np.arange(FRAMES) - FRAMES // 2)
    assert np.allclose(shifts, expected, atol=0.3)
    assert out['stabilisation'].shape == (FRAMES, 3, 3)


def test_masks_move_with_their_frames():
    clip = panning_clip(with_square=True)
    out = StabiliseClip()(dict(clip))
    masks = out['gt_masks']
    assert masks.dtype == bool and masks.shape == (FRAMES, SIZE, SIZE)
    # the square stood still on the canvas: stabilised, it is where it is
    # in the middle frame, in every frame
    middle = clip['gt_masks'][FRAMES // 2]
    for mask in masks:
        assert (mask & middle).sum() / (mask | middle).sum() > 0.9


def test_a_still_camera_leaves_the_clip_as_it_was():
    background = texture(SIZE, seed=1)
    frames, masks = [], []
    for t in range(FRAMES):  # a square moving over a still background
        frame, mask = background.copy(), np.zeros((SIZE, SIZE), bool)
        frame[20:30, 5 + 4 * t:15 + 4 * t] = 255
        mask[20:30, 5 + 4 * t:15 + 4 * t] = True
        frames.append(frame)
        masks.append(mask)
    clip = dict(imgs=frames, gt_masks=np.stack(masks))
    out = StabiliseClip()(dict(clip))
    homographies = out['stabilisation']
    assert np.allclose(homographies[:, :2, :2], np.eye(2), atol=0.01)
    assert np.abs(homographies[:, :2, 2]).max() < 0.5  # pixels
    assert np.abs(np.stack(out['imgs']).astype(int) -
                  np.stack(frames)).mean() < 1
    assert (out['gt_masks'] == clip['gt_masks']).mean() > 0.99


def test_masks_at_another_resolution_move_at_their_own_scale():
    clip = panning_clip(with_square=True)
    small = np.stack([
        cv2.resize(
            m.astype(np.uint8), (32, 32), interpolation=cv2.INTER_NEAREST)
        for m in clip['gt_masks']
    ]).astype(np.float32)
    out = StabiliseClip()(dict(clip, gt_masks_small=small))
    middle = small[FRAMES // 2] > 0
    for mask in out['gt_masks_small'] > 0:
        assert (mask & middle).sum() / (mask | middle).sum() > 0.8


def test_a_single_frame_or_grey_frames_are_refused_with_their_shape():
    with pytest.raises(ValueError, match=r'T >= 2, got \(1, 64, 64, 3\)'):
        StabiliseClip()(dict(imgs=[texture(SIZE)]))
    grey = np.zeros((4, SIZE, SIZE), np.uint8)
    with pytest.raises(ValueError, match=r'\(T, H, W, 3\).*\(4, 64, 64\)'):
        StabiliseClip()(dict(imgs=grey))


def test_the_ransac_cap_reaches_every_fit_and_a_low_cap_still_removes_a_pan(
        monkeypatch):
    caps = []
    find = global_motion.cv2.findHomography

    def recording(*args, **kwargs):
        caps.append(kwargs.get('maxIters'))
        return find(*args, **kwargs)

    monkeypatch.setattr(global_motion.cv2, 'findHomography', recording)
    clip = panning_clip()
    out = StabiliseClip(ransac_max_iters=50)(dict(clip))
    assert caps == [50] * (FRAMES - 1)
    shifts = out['stabilisation'][:, 0, 2]
    expected = STEP * (np.arange(FRAMES) - FRAMES // 2)
    assert np.allclose(shifts, expected, atol=0.3)
    caps.clear()
    StabiliseClip()(dict(clip))
    assert caps == [2000] * (FRAMES - 1)  # OpenCV's own default


@pytest.mark.parametrize('cap', [0, -5, 2.5, True, '200'])
def test_a_ransac_cap_that_is_not_a_positive_integer_is_refused(cap):
    with pytest.raises(
            ValueError, match='ransac_max_iters must be a positive integer'):
        StabiliseClip(ransac_max_iters=cap)


def test_the_stabilised_lever_segments_clips_stabilised_as_it_trained():

    def stabilisers(path, loader):
        cfg = Config.fromfile(osp.join(REPO_ROOT, path))
        return [
            step for step in cfg[loader].dataset.pipeline
            if step['type'] == 'StabiliseClip'
        ]

    trained = stabilisers(
        'configs/vosgan/vosgan_relu-reuse-stabilised_2400i_photo-scenes.py',
        'train_dataloader')
    assert len(trained) == 1
    segment = 'configs/segmentation/' \
        'vosgan_seg_adversarial_stabilised_photo_scenes.py'
    for loader in ('val_dataloader', 'test_dataloader'):
        assert stabilisers(segment, loader) == trained


def test_on_a_photo_scene_it_finds_the_true_camera_motion():
    # a moving camera over the grass photograph, 16 frames: the estimated
    # map of every frame onto the middle one is within a tenth of a pixel
    # of the renderer's truth, and far from its inverse
    clip = render_photo_scene_clip(11, ('pan', 'zoom', 'shake'), num_frames=16)
    assert clip['background'] == 'grass'
    truth = true_stabilisation(clip['camera_maps'])
    estimate = StabiliseClip(ransac_max_iters=200)(
        dict(imgs=list(clip['imgs'])))['stabilisation']

    def mean_distance(maps):
        return np.mean([
            global_motion.homography_distance(e, m, (64, 64))
            for e, m in zip(estimate, maps)
        ])

    assert mean_distance(truth) < 0.1
    assert mean_distance(np.linalg.inv(truth)) > 2
