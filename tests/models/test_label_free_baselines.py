import cv2
import numpy as np
import pytest
import torch
from mmengine.structures import BaseDataElement

from vosgan_mm.evaluation import region_iou
from vosgan_mm.models.flow.global_motion import (displacement_field,
                                                 homography_distance,
                                                 homographies_from_flow,
                                                 transforms_between_frames)
from vosgan_mm.registry import MODELS
from vosgan_mm.utils.video_values import video_from_uint8

SIZE = 64
FRAMES = 32


def textured_image(height, width, seed=0):
    """A smooth random RGB texture, uint8 (H, W, 3): enough structure for
    optical flow, no large flat areas."""
    noise = np.random.default_rng(seed).random((height, width, 3))
    smooth = cv2.GaussianBlur(noise.astype(np.float32), (0, 0), 2.0)
    smooth = (smooth - smooth.min()) / (smooth.max() - smooth.min())
    return (40 + 175 * smooth).astype(np.uint8)


def static_camera_moving_square(seed=0):
    """(T, H, W, 3) frames of a static background with an 8-pixel square of
    its own texture going once round a circle (about 4 px a frame, so that
    it covers each pixel in 2-3 frames of the 32), and its (T, H, W)
    masks."""
    background = textured_image(SIZE, SIZE, seed)
    square = 255 - textured_image(8, 8, seed + 1)
    frames = np.repeat(background[None], FRAMES, 0)
    masks = np.zeros((FRAMES, SIZE, SIZE), bool)
    for t in range(FRAMES):
        angle = 2 * np.pi * t / FRAMES
        x = int(round(28 + 20 * np.cos(angle)))
        y = int(round(28 + 20 * np.sin(angle)))
        frames[t, y:y + 8, x:x + 8] = square
        masks[t, y:y + 8, x:x + 8] = True
    return frames, masks


def panning_camera(step=2):
    """(T, H, W, 3) frames of a window sliding ``step`` px a frame to the
    right over a larger textured scene: camera motion, no object."""
    scene = textured_image(SIZE, SIZE + step * FRAMES, seed=3)
    return np.stack(
        [scene[:, step * t:step * t + SIZE] for t in range(FRAMES)])


def as_input(*clips):
    video = torch.from_numpy(np.stack(clips)).permute(0, 4, 1, 2, 3)
    return dict(video=video_from_uint8(video))


def masks_of(model, clip, sample=None):
    samples = None if sample is None else [sample]
    out = model(as_input(clip), samples, mode='tensor')
    return out[0, 0].numpy() > 0.5


def mean_iou(pred, gt):
    return np.mean([region_iou(p, g) for p, g in zip(pred, gt)])


BASELINES = [
    dict(type='MedianBackgroundSegmenter'),
    dict(type='MedianBackgroundSegmenter', compensate_camera_motion=True),
    dict(type='BackgroundSubtractorSegmenter', method='MOG2'),
    dict(type='BackgroundSubtractorSegmenter', method='KNN'),
]


@pytest.mark.parametrize('cfg', BASELINES, ids=lambda c: str(c))
def test_background_subtraction_finds_a_square_moving_over_a_static_scene(cfg):
    frames, gt = static_camera_moving_square()
    pred = masks_of(MODELS.build(cfg), frames)
    assert pred.shape == gt.shape
    assert mean_iou(pred, gt) > 0.9


@pytest.mark.parametrize(
    'cfg', [
        dict(type='FlowMagnitudeSegmenter'),
        dict(type='FlowMagnitudeSegmenter', compensate_camera_motion=True),
    ],
    ids=lambda c: str(c))
def test_flow_forms_cover_a_moving_square_with_a_halo_round_its_path(cfg):
    # the flow threshold's known answer is not IoU near 1: Farneback's
    # field spreads the square's motion over its neighbourhood, so the mask
    # covers the square and a halo round where it was and will be (about
    # six times its area here), and nothing far from it
    frames, gt = static_camera_moving_square()
    pred = masks_of(MODELS.build(cfg), frames)
    assert (pred & gt).sum() / gt.sum() > 0.95
    for t in range(FRAMES):
        path = gt[max(t - 1, 0)] | gt[t] | gt[min(t + 1, FRAMES - 1)]
        distance = cv2.distanceTransform((~path).astype(np.uint8),
                                         cv2.DIST_L2, 5)
        assert not pred[t].any() or distance[pred[t]].max() <= 12
    assert pred.mean() < 10 * gt.mean()


@pytest.mark.parametrize(
    'cfg', [
        dict(type='MedianBackgroundSegmenter', compensate_camera_motion=True),
        dict(
            type='FlowMagnitudeSegmenter',
            compensate_camera_motion=True,
            threshold=1.0),
    ],
    ids=lambda c: c['type'])
def test_compensated_forms_see_no_object_in_a_pan(cfg):
    pred = masks_of(MODELS.build(cfg), panning_camera())
    assert pred.mean() < 0.02


@pytest.mark.parametrize(
    'cfg', [
        dict(type='MedianBackgroundSegmenter'),
        dict(type='FlowMagnitudeSegmenter', threshold=1.0),
    ],
    ids=lambda c: c['type'])
def test_uncompensated_forms_call_a_pan_foreground(cfg):
    # the contrast to the test above: without compensation the camera's
    # motion is taken for an object
    pred = masks_of(MODELS.build(cfg), panning_camera())
    assert pred.mean() > 0.3


def test_homographies_from_flow_recover_a_pure_translation():
    flow = np.zeros((3, 32, 32, 2), np.float32)
    flow[..., 0] = 2.0  # 2 px to the right
    flow[1, 10:16, 10:16] = (-5, 4)  # an object: an outlier of the fit
    homographies = homographies_from_flow(flow)
    expected = np.array([[1, 0, 2], [0, 1, 0], [0, 0, 1]], float)
    np.testing.assert_allclose(
        homographies, np.tile(expected, (3, 1, 1)), atol=1e-6)
    np.testing.assert_allclose(
        displacement_field(homographies[0], (32, 32)), flow[0], atol=1e-5)


def test_transforms_between_frames_chain_the_pairs_to_the_first_frame():
    shift = np.array([[1, 0, 3], [0, 1, -1], [0, 0, 1]], float)
    to_first = transforms_between_frames(np.stack([shift, shift]))
    point = np.array([10, 10, 1.0])  # in frame 2
    np.testing.assert_allclose(to_first[2] @ point, [4, 12, 1])
    np.testing.assert_allclose(to_first[0], np.eye(3))


def sample(sequence, num_valid=FRAMES):
    return BaseDataElement(
        metainfo=dict(sequence=sequence, num_valid=num_valid))


def test_subtractor_keeps_its_model_within_a_sequence_and_warms_up_anew():
    model = MODELS.build(dict(type='BackgroundSubtractorSegmenter'))
    made = []
    new_subtractor = model.new_subtractor
    model.new_subtractor = lambda: made.append(1) or new_subtractor()
    frames, _ = static_camera_moving_square()
    masks_of(model, frames, sample('a'))
    masks_of(model, frames, sample('a'))
    assert len(made) == 1
    masks_of(model, frames, sample('b'))
    masks_of(model, frames)  # no sequence name: its own sequence
    assert len(made) == 3


def test_subtractor_warm_up_learns_the_background_of_the_first_shot():
    # a new scene: without the warm-up pass its first frames would be
    # foreground everywhere
    model = MODELS.build(dict(type='BackgroundSubtractorSegmenter'))
    frames, _ = static_camera_moving_square(seed=0)
    masks_of(model, frames, sample('a'))
    other, gt = static_camera_moving_square(seed=7)
    pred = masks_of(model, other, sample('b'))
    assert pred[0].mean() < 0.05
    assert mean_iou(pred, gt) > 0.9


def test_padded_frames_get_the_last_real_frames_mask():
    frames, _ = static_camera_moving_square()
    model = MODELS.build(dict(type='MedianBackgroundSegmenter'))
    padded = frames.copy()
    padded[10:] = frames[9]
    pred = masks_of(model, padded, sample('a', num_valid=10))
    alone = masks_of(model, frames[:10])
    np.testing.assert_array_equal(pred[:10], alone)
    for t in range(10, FRAMES):
        np.testing.assert_array_equal(pred[t], alone[-1])


def test_predict_sets_binary_pred_seg():
    frames, _ = static_camera_moving_square()
    model = MODELS.build(dict(type='MedianBackgroundSegmenter'))
    out = model(as_input(frames), [sample('a')], mode='predict')
    assert out[0].pred_seg.shape == (FRAMES, SIZE, SIZE)
    assert set(out[0].pred_seg.unique().tolist()) <= {0.0, 1.0}


@pytest.mark.parametrize('cfg, message', [
    (dict(type='MedianBackgroundSegmenter',
          threshold=1.5), r'threshold must be in \[0, 1\), got 1.5'),
    (dict(type='BackgroundSubtractorSegmenter', method='GMG'),
     r"method must be one of \('MOG2', 'KNN'\), got 'GMG'"),
    (dict(type='BackgroundSubtractorSegmenter',
          history=0), 'history must be a positive int, got 0'),
    (dict(type='BackgroundSubtractorSegmenter',
          threshold=float('nan')), 'threshold must be positive, got nan'),
])
def test_baselines_refuse_bad_settings(cfg, message):
    with pytest.raises(ValueError, match=message):
        MODELS.build(cfg)


def test_baselines_have_no_loss():
    model = MODELS.build(dict(type='MedianBackgroundSegmenter'))
    frames, _ = static_camera_moving_square()
    with pytest.raises(ValueError, match='learns nothing: it has no loss'):
        model(as_input(frames), [sample('a')], mode='loss')


def test_homography_distance_is_the_shift_between_two_maps():
    shift = np.array([[1, 0, 3], [0, 1, 4], [0, 0, 1]], float)
    assert homography_distance(shift, np.eye(3), (16, 24)) == \
        pytest.approx(5)
    assert homography_distance(shift, shift, (16, 24)) == 0
    # a zoom about the origin moves far pixels more than near ones
    zoom = np.diag([1.1, 1.1, 1.0])
    ys, xs = np.mgrid[0:16, 0:24]
    assert homography_distance(zoom, np.eye(3), (16, 24)) == \
        pytest.approx(0.1 * np.hypot(xs, ys).mean())
