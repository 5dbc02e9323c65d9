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


def test_boundary_is_the_masks_edge_pixels():
    boundary = mask_boundary(square(side=4))
    assert boundary.sum() == 12  # 4x4 square: all but the 2x2 inside


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
