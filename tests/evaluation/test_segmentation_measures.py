import json

import numpy as np
import pytest
import torch

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
