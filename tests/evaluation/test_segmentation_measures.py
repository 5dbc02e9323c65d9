import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.evaluation import (VideoSegmentationMetric, boundary_f_measure,
                                  mask_boundary, pixel_f_measure, region_iou,
                                  upsample_to)


def square(size=64, top=20, left=20, side=16):
    mask = np.zeros((size, size), bool)
    mask[top:top + side, left:left + side] = True
    return mask


def test_perfect_mask_scores_one_on_every_measure():
    gt = square()
    assert region_iou(gt, gt) == 1
    assert pixel_f_measure(gt, gt) == 1
    assert boundary_f_measure(gt, gt) == 1


def test_empty_prediction_scores_zero_and_empty_both_one():
    gt, empty = square(), np.zeros((64, 64), bool)
    assert region_iou(empty, gt) == 0
    assert pixel_f_measure(empty, gt) == 0
    assert boundary_f_measure(empty, gt) == 0
    assert region_iou(empty, empty) == pixel_f_measure(empty, empty) == 1


def test_hand_computed_iou_and_pixel_f():
    gt = square(side=4)  # 16 pixels
    pred = square(side=4, left=22)  # shifted 2: 8 overlap, 24 union
    assert region_iou(pred, gt) == pytest.approx(8 / 24)
    assert pixel_f_measure(pred, gt) == pytest.approx(0.5)  # P = R = 1/2


def test_one_pixel_shift_is_within_boundary_tolerance_but_not_two():
    gt = square()  # 64x64: tolerance ceil(0.008 * 90.5) = 1 pixel
    one = np.roll(gt, 1, axis=1)
    three = np.roll(gt, 3, axis=1)
    assert boundary_f_measure(one, gt) == 1
    assert region_iou(one, gt) < 1
    assert boundary_f_measure(three, gt) < 0.8


def test_boundary_is_drawn_as_davis_does():
    mask = np.zeros((6, 6), bool)
    mask[1:4, 1:4] = True
    expected = np.array(
        [  # differs from a right, lower or diagonal pixel
            [1, 1, 1, 1, 0, 0],
            [1, 0, 0, 1, 0, 0],
            [1, 0, 0, 1, 0, 0],
            [1, 1, 1, 1, 0, 0],
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0],
        ],
        bool)
    assert np.array_equal(mask_boundary(mask), expected)
    # the image border is no boundary: a mask filling the frame has none
    assert not mask_boundary(np.ones((5, 5), bool)).any()


def test_boundary_f_at_480p_matches_the_davis_definition():
    gt = np.zeros((480, 854), bool)
    gt[200:480, 300:500] = True  # touches the bottom edge
    # tolerance ceil(0.008 * 979.5) = 8 px: a 6 px shift is matched ...
    assert boundary_f_measure(np.roll(gt, 6, axis=1), gt) == 1
    # ... a 10 px one is not: of the top edge (~200 px) and the two side
    # edges (~280 px each; the bottom is the image border), only the top
    # still matches: F ~ 200 / 760
    f = boundary_f_measure(np.roll(gt, 10, axis=1), gt)
    assert f == pytest.approx(200 / 760, abs=0.02)


def test_upsampling_to_ground_truth_size_is_bilinear():
    prob = np.array([[0.0, 1.0], [0.0, 1.0]], np.float32)
    up = upsample_to(prob, (2, 4))
    assert up.shape == (2, 4)
    assert np.allclose(up[0], [0, 0.25, 0.75, 1])


def sample(sequence, frame_ids, pred, gt):
    return dict(
        sequence=sequence,
        frame_ids=frame_ids,
        num_valid=len(gt),
        pred_seg=torch.from_numpy(pred),
        gt_masks=gt)


def test_metric_averages_frames_per_sequence_then_sequences(tmp_path):
    gt = square(size=8, top=2, left=2, side=4)[None].repeat(2, 0)
    perfect = gt.astype(np.float32)
    metric = VideoSegmentationMetric(out_file=str(tmp_path / 'r.json'))
    metric.process(
        None,
        [
            # low-resolution maps are resized to the 8x8 ground truth
            sample('a', [0, 1],
                   np.stack([upsample_to(p, (4, 4)) for p in perfect]), gt),
            sample('b', [0], np.zeros((1, 8, 8), np.float32), gt[:1]),
            sample('b', [1], perfect[:1], gt[:1]),
        ])
    means = metric.compute_metrics(metric.results)
    assert means['J'] == pytest.approx((100 + 50) / 2)
    written = json.loads((tmp_path / 'r.json').read_text())
    assert [s['sequence'] for s in written['per_sequence']] == ['a', 'b']
    assert written['per_sequence'][1]['J'] == pytest.approx(50)


def test_metric_can_skip_first_and_last_frame_of_a_sequence():
    gt = square(size=8, top=2, left=2, side=4)[None].repeat(4, 0)
    pred = np.zeros((4, 8, 8), np.float32)
    pred[1:3] = gt[1:3]
    metric = VideoSegmentationMetric(skip_first_last=True)
    metric.process(None, [sample('a', [0, 1, 2, 3], pred, gt)])
    assert metric.compute_metrics(metric.results)['J'] == pytest.approx(100)


def test_metric_gives_the_probability_on_foreground_and_background():
    gt = square(size=8, top=2, left=2, side=4)[None].repeat(2, 0)
    faint = np.where(gt, 0.4, 0.1).astype(np.float32)  # never above 0.5
    empty = np.zeros((1, 8, 8), bool)  # no foreground in this frame
    metric = VideoSegmentationMetric()
    metric.process(None, [
        sample('a', [0, 1], faint, gt),
        sample('b', [0], np.full((1, 8, 8), 0.2, np.float32), empty)
    ])
    means = metric.compute_metrics(metric.results)
    assert means['J'] == pytest.approx(50)  # a: 0, b: 100 (both empty)
    assert means['prob_on_fg'] == pytest.approx(0.4)  # b has none
    assert means['prob_on_bg'] == pytest.approx((0.1 + 0.2) / 2)


def test_metric_with_otsu_thresholds_each_frame_on_its_own():
    gt = square(size=8, top=2, left=2, side=4)[None].repeat(2, 0)
    # frame 0 under 0.5 everywhere, frame 1 over it everywhere: a fixed
    # threshold misses one frame's object or takes all of the other
    pred = np.stack([np.where(gt[0], 0.4, 0.1),
                     np.where(gt[1], 0.9, 0.6)]).astype(np.float32)
    fixed = VideoSegmentationMetric()
    fixed.process(None, [sample('a', [0, 1], pred, gt)])
    assert fixed.compute_metrics(fixed.results)['J'] == pytest.approx(
        (0 + 25) / 2)
    otsu = VideoSegmentationMetric(threshold='otsu')
    otsu.process(None, [sample('a', [0, 1], pred, gt)])
    assert otsu.compute_metrics(otsu.results)['J'] == pytest.approx(100)
    with pytest.raises(ValueError, match='a number or "otsu"'):
        VideoSegmentationMetric(threshold='mean')


# --- DAVIS's official J and boundary F, written out independently --------


def davis_boundary_map(mask):
    """DAVIS's one-pixel boundary map: a pixel is on the boundary where it
    differs from its right, lower or lower-right neighbour; in the last row
    only the right one is compared, in the last column only the lower one,
    and the bottom-right pixel never is. Padding by repeating the last row
    and column gives exactly that: a padded neighbour of the last row
    equals the pixel itself or its right neighbour, and likewise for the
    last column."""
    padded = np.pad(mask, ((0, 1), (0, 1)), mode='edge')
    centre = padded[:-1, :-1]
    return ((centre != padded[:-1, 1:]) | (centre != padded[1:, :-1]) |
            (centre != padded[1:, 1:]))


def davis_dilation(bmap, radius):
    """Every pixel within Euclidean distance ``radius`` of a set pixel."""
    h, w = bmap.shape
    out = np.zeros_like(bmap)
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            if dy * dy + dx * dx <= radius * radius:
                out[max(0, dy):h + min(0, dy), max(0, dx):w + min(0, dx)] |= \
                    bmap[max(0, -dy):h + min(0, -dy),
                         max(0, -dx):w + min(0, -dx)]
    return out


def davis_boundary_f(pred, gt, bound_th=0.008):
    radius = int(np.ceil(bound_th * np.linalg.norm(gt.shape)))
    pred_b, gt_b = davis_boundary_map(pred), davis_boundary_map(gt)
    n_pred, n_gt = int(pred_b.sum()), int(gt_b.sum())
    if n_pred == 0 and n_gt == 0:
        precision, recall = 1, 1
    elif n_pred == 0:
        precision, recall = 1, 0
    elif n_gt == 0:
        precision, recall = 0, 1
    else:
        precision = int((pred_b & davis_dilation(gt_b, radius)).sum()) / n_pred
        recall = int((gt_b & davis_dilation(pred_b, radius)).sum()) / n_gt
    if precision + recall == 0:
        return 0
    return 2 * precision * recall / (precision + recall)


def davis_iou(pred, gt):
    if not pred.any() and not gt.any():
        return 1
    return int((pred & gt).sum()) / int((pred | gt).sum())


def random_mask(rng, shape):
    """Ellipses, rectangles (often cut by the image border) or noise."""
    h, w = shape
    yy, xx = np.mgrid[:h, :w]
    mask = np.zeros(shape, bool)
    kind = rng.integers(3)
    for _ in range(rng.integers(1, 4)):
        cy, cx = rng.uniform(-0.1, 1.1) * h, rng.uniform(-0.1, 1.1) * w
        ry, rx = rng.uniform(0.05, 0.5) * h, rng.uniform(0.05, 0.5) * w
        if kind == 0:
            mask |= ((yy - cy) / ry)**2 + ((xx - cx) / rx)**2 <= 1
        elif kind == 1:
            mask |= (abs(yy - cy) <= ry) & (abs(xx - cx) <= rx)
    if kind == 2:
        mask = rng.random(shape) < rng.uniform(0.02, 0.98)
    return mask


def nearby_mask(rng, gt):
    """The ground truth shifted by a few pixels with some pixels flipped:
    a prediction whose contour is partly within the tolerance."""
    dy, dx = rng.integers(-3, 4, size=2)
    pred = np.roll(gt, (dy, dx), axis=(0, 1))
    return pred ^ (rng.random(gt.shape) < rng.uniform(0, 0.05))


@pytest.mark.parametrize(
    'shape,bound_th,seed',
    [
        ((24, 24), 0.008, 0),
        ((31, 47), 0.008, 1),  # odd sizes, wider than high
        ((47, 31), 0.008, 2),  # higher than wide
        ((31, 47), 0.05, 3),  # tolerance 3 px
        ((75, 101), 0.008, 4),  # tolerance ceil(1.004) = 2 px
    ])
def test_j_and_boundary_f_equal_davis_official_formulas(shape, bound_th, seed):
    rng = np.random.default_rng(seed)
    for i in range(60):  # 300 pairs in all
        gt = random_mask(rng, shape)
        pred = nearby_mask(rng, gt) if i % 2 else random_mask(rng, shape)
        assert region_iou(pred, gt) == davis_iou(pred, gt)
        assert boundary_f_measure(pred, gt, bound_th) == davis_boundary_f(
            pred, gt, bound_th)


def test_boundary_map_equals_davis_rule_on_random_masks():
    rng = np.random.default_rng(5)
    for shape in ((9, 9), (12, 17), (17, 12)):
        for _ in range(10):
            mask = random_mask(rng, shape)
            assert np.array_equal(
                mask_boundary(mask), davis_boundary_map(mask))


def _edge_case_masks(shape=(37, 53)):
    full, empty = np.ones(shape, bool), np.zeros(shape, bool)
    obj = empty.copy()
    obj[10:20, 15:40] = True
    return full, empty, obj


@pytest.mark.parametrize(
    'pred,gt,expected_j,expected_boundary_f',
    [
        ('full', 'full', 1, 1),  # no contour on either side: P = R = 1
        ('full', 'empty', 0, 1),  # neither has a contour either
        ('empty', 'full', 0, 1),
        ('empty', 'empty', 1, 1),
        ('empty', 'object', 0, 0),  # P = 1, R = 0
        ('object', 'empty', 0, 0),  # P = 0, R = 1
        ('full', 'object', 25 * 10 / (37 * 53), 0),
    ])
def test_masks_without_contour_score_as_davis_does(pred, gt, expected_j,
                                                   expected_boundary_f):
    full, empty, obj = _edge_case_masks()
    masks = dict(full=full, empty=empty, object=obj)
    pred, gt = masks[pred], masks[gt]
    assert region_iou(pred, gt) == davis_iou(pred, gt) == expected_j
    assert boundary_f_measure(pred, gt) == davis_boundary_f(
        pred, gt) == expected_boundary_f


@pytest.mark.parametrize(
    'config,skip',
    [
        # DAVIS's official evaluation leaves the first and last frame out
        ('segmentation_baselines/median_background_davis.py', True),
        ('segmentation/vosgan_seg_synthetic_davis.py', True),
        # no official script that leaves frames out: every frame
        ('segmentation_baselines/median_background_segtrack.py', False),
        ('segmentation_baselines/median_background_f4k.py', False),
        ('segmentation_baselines/median_background_videos.py', False),
        # the embedded benchmarks are ours: every frame
        ('segmentation_baselines/median_background_sprites.py', False),
        ('segmentation_baselines/median_background_photo_scenes.py', False),
    ])
def test_each_data_set_scores_the_frames_its_official_evaluation_does(
        config, skip):
    evaluator = Config.fromfile(osp.join(REPO_ROOT, 'configs',
                                         config)).test_evaluator
    settings = {k: v for k, v in evaluator.items() if k != 'type'}
    assert VideoSegmentationMetric(**settings).skip_first_last is skip
