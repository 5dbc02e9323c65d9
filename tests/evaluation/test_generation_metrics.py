import json

import numpy as np
import pytest
import torch
import torch.nn as nn

from tests.conftest import load_tool
from vosgan_mm.evaluation import (ForegroundContentDistance, InceptionScore,
                                  MotionCoherence, flow_histogram,
                                  inception_score, kl_divergence)
from vosgan_mm.models import InceptionV3

tally_answers = load_tool('tools/preference_study.py').tally_answers


def test_is_of_uniform_predictions_is_one():
    assert inception_score(np.full((50, 10), 0.1)) == pytest.approx(1.0)


def test_is_of_balanced_one_hot_predictions_is_the_number_of_classes():
    probs = np.eye(10)[np.arange(100) % 10]
    assert inception_score(probs) == pytest.approx(10.0, rel=1e-6)


class FixedClassifier(nn.Module):
    """Class scores and features read off the image's mean brightness."""

    def forward(self, images):
        mean = images.mean(dim=(1, 2, 3))
        logits = torch.stack([100 * mean, -100 * mean], dim=1)
        return dict(logits=logits, features=images.mean(dim=(2, 3)))


def clip_sample(video, idx=0, fg_map=None, real=None):
    return dict(
        sample_idx=idx,
        fake_video=video,
        fg_map=fg_map,
        real_video=video if real is None else real)


def test_is_metric_picks_one_frame_per_video():
    metric = InceptionScore(classifier=FixedClassifier(), num_splits=2)
    bright = torch.full((3, 4, 8, 8), 255, dtype=torch.uint8)
    dark = torch.zeros((3, 4, 8, 8), dtype=torch.uint8)
    metric.process(None, [clip_sample(bright, 0), clip_sample(dark, 1)])
    assert metric.compute_metrics(metric.results)['IS'] == pytest.approx(2.0)


def test_fcd_of_a_static_video_is_zero_and_of_a_changing_one_not():
    metric = ForegroundContentDistance(classifier=FixedClassifier())
    static = torch.randint(0, 255, (3, 1, 16, 16), dtype=torch.uint8)
    static = static.expand(3, 6, 16, 16).contiguous()
    fg = torch.zeros(6, 16, 16)
    fg[:, 4:10, 4:10] = 1
    assert metric.video_distance(static, fg.numpy()) == 0
    changing = torch.randint(0, 255, (3, 6, 16, 16), dtype=torch.uint8)
    assert metric.video_distance(changing, None) > 0


def test_fcd_crops_the_foreground_box():
    metric = ForegroundContentDistance(classifier=FixedClassifier())
    video = torch.zeros((3, 2, 16, 16), dtype=torch.uint8)
    video[:, 1, 0, 0] = 255  # changes only outside the box
    fg = np.zeros((2, 16, 16))
    fg[:, 4:10, 4:10] = 1
    assert metric.video_distance(video, fg) == 0
    assert metric.video_distance(video, None) > 0


def test_mc_of_identical_flow_sets_is_zero_and_grows_with_a_shift():
    rng = np.random.default_rng(0)
    flows = rng.normal(0, 1, (10000, 2))
    base = flow_histogram(flows)
    assert kl_divergence(base, flow_histogram(flows.copy())) == 0
    shifts = [
        kl_divergence(base, flow_histogram(flows + [s, 0]))
        for s in (0.5, 1.0, 2.0)
    ]
    assert 0 < shifts[0] < shifts[1] < shifts[2]


def test_mc_metric_compares_real_and_generated_motion():
    frames = np.zeros((4, 32, 32, 3), np.uint8)
    for t in range(4):
        frames[t, 8:16, 4 + 2 * t:12 + 2 * t] = 255
    moving = torch.from_numpy(frames).permute(3, 0, 1, 2)
    still = moving[:, :1].expand(-1, 4, -1, -1).contiguous()
    metric = MotionCoherence()
    metric.process(None, [clip_sample(moving, real=moving)])
    assert metric.compute_metrics(metric.results)['MC'] == pytest.approx(0)
    metric = MotionCoherence()
    metric.process(None, [clip_sample(still, real=moving)])
    assert metric.compute_metrics(metric.results)['MC'] > 0.01


def test_mc_without_real_clips_is_an_error():
    with pytest.raises(ValueError, match='MC needs real clips'):
        MotionCoherence().compute_metrics([])


def test_missing_inception_weights_name_the_file_and_their_source(tmp_path):
    missing = tmp_path / 'inception_v3_google.pth'
    with pytest.raises(FileNotFoundError) as error:
        InceptionV3(checkpoint=str(missing))
    assert str(missing) in str(error.value)
    assert 'not downloaded' in str(error.value)


def test_inception_state_dict_round_trips_strictly(tmp_path):
    net = InceptionV3()
    torch.save(net.state_dict(), tmp_path / 'w.pth')
    loaded = InceptionV3(checkpoint=str(tmp_path / 'w.pth'))
    out = loaded(torch.zeros(1, 3, 64, 64))
    assert out['features'].shape == (1, 2048)
    assert out['logits'].shape == (1, 1000)
    assert 'Mixed_7c.branch3x3dbl_3b.conv.weight' in net.state_dict()
    # the standard architecture's size (torchvision documents 27,161,264)
    assert sum(p.numel() for p in net.parameters()) == 27_161_264
    assert len(net.state_dict()) == 580


def test_preference_tally_counts_each_models_wins(tmp_path):
    key = dict(
        models=['VOS-GAN', 'VGAN'],
        pairs={
            'pair_000': dict(left='VOS-GAN', right='VGAN'),
            'pair_001': dict(left='VGAN', right='VOS-GAN'),
            'pair_002': dict(left='VGAN', right='VOS-GAN'),
        })
    answers = [
        {
            'pair_000': 'left',
            'pair_001': 'right',
            'pair_002': 'left'
        },
        {
            'pair_000': 'right',
            'pair_001': 'right'
        },
    ]
    result = tally_answers(json.loads(json.dumps(key)), answers)
    assert result['votes'] == {'VOS-GAN': 3, 'VGAN': 2}
    assert result['percent']['VOS-GAN'] == pytest.approx(60)
    assert result['unanswered'] == 1
    with pytest.raises(ValueError, match='expected left or right'):
        tally_answers(key, [{'pair_000': 'middle'}])


def test_real_videos_row_uses_clips_outside_the_test_set():
    other_real_clips = load_tool(
        'tools/analysis_tools/generation_table.py').other_real_clips
    assert other_real_clips(dict(type='X', seed=2))['seed'] == 3
    assert other_real_clips(dict(type='X',
                                 indices=4))['indices'] == [4, 5, 6, 7]
    with pytest.raises(ValueError, match='other than the test set'):
        other_real_clips(dict(type='X'))


def test_is_over_splits_gives_the_mean_and_spread_of_the_parts():
    metric = InceptionScore(classifier=FixedClassifier(), num_splits=10)
    probs = list(np.eye(10)[np.arange(100) % 10])
    scores = metric.compute_metrics(probs)
    assert scores['IS'] == pytest.approx(10.0, rel=1e-6)
    assert scores['IS_mean'] == pytest.approx(10.0, rel=1e-6)
    assert scores['IS_std'] == pytest.approx(0.0, abs=1e-6)
    # a part of one class only scores 1: the spread shows it
    probs = list(np.eye(10)[np.r_[np.zeros(10, int), np.arange(90) % 10]])
    scores = metric.compute_metrics(probs)
    assert scores['IS_std'] > 0.5
    with pytest.raises(ValueError, match='needs at least 10 videos, got 4'):
        metric.compute_metrics(probs[:4])


def moving_square_video(offset=0):
    frames = np.full((6, 32, 32, 3), 40, np.uint8)
    for t in range(6):
        frames[t, 10:18, 4 + 2 * t + offset:12 + 2 * t + offset] = 250
        frames[t, 28:, :] = 10 * t  # a changing strip, far from the square
    return torch.from_numpy(frames).permute(3, 0, 1, 2).contiguous()


def fcd_of_rows(segmenter, fg_maps=(None, None)):
    """FCD of two 'rows' (two models' videos), with their own maps."""
    values = []
    for offset, fg_map in zip((0, 3), fg_maps):
        metric = ForegroundContentDistance(
            classifier=FixedClassifier(), segmenter=segmenter)
        video = moving_square_video(offset)
        metric.process(None, [clip_sample(video, fg_map=fg_map)])
        values.append(metric.compute_metrics(metric.results)['FCD'])
    return values


def test_one_segmenter_boxes_every_row_and_swapping_it_changes_every_row():
    on_motion = dict(type='FlowMagnitudeSegmenter', threshold=0.5)
    on_nothing = dict(type='FlowMagnitudeSegmenter', threshold=100.0)
    boxed = fcd_of_rows(on_motion)
    whole = fcd_of_rows(on_nothing)
    for row in range(2):
        assert boxed[row] != pytest.approx(whole[row], rel=1e-3)
    # the rows' own maps play no part
    square = np.zeros((6, 32, 32))
    square[:, 8:20, :] = 1
    assert fcd_of_rows(on_motion, (square, square)) == boxed
    # the variant that reads them does
    assert fcd_of_rows(None, (square, None))[0] != pytest.approx(
        fcd_of_rows(None)[0], rel=1e-3)


def test_fcd_compares_the_fc_output_by_default_or_the_pooled_features():
    video = moving_square_video()
    fc = ForegroundContentDistance(
        classifier=FixedClassifier(), segmenter=None)
    pool = ForegroundContentDistance(
        classifier=FixedClassifier(), segmenter=None, features='pool')
    assert fc.video_distance(video, None) != pytest.approx(
        pool.video_distance(video, None))
    with pytest.raises(ValueError, match="features must be one of"):
        ForegroundContentDistance(
            classifier=FixedClassifier(), features='pool5')
