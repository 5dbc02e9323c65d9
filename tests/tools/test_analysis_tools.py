"""tools/analysis_tools: figures printed and written as promised."""
import json
import sys

import numpy as np
import pytest

from tests.conftest import load_tool
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.evaluation.video_statistics import recommended_max_displacement


def test_flow_statistics_tool_prints_percentiles_and_recommended_scale(
        tmp_path):
    out = tmp_path / 'flow.json'
    result = run_tool('tools/analysis_tools/flow_statistics.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--num-clips',
                      '3', '--out', str(out), '--cfg-options',
                      'train_dataloader.dataset.num_clips=5')
    assert result.returncode == 0, result.stderr[-3000:]
    stats = json.loads(out.read_text())
    assert stats['num_clips'] == 3
    assert stats['frame_shape'] == [64, 64]
    # sprites move between 0.5 and 2.5 px a frame over a still background
    assert stats['magnitude_p50'] < 0.1
    assert 0.5 < stats['magnitude_p100'] < 4
    assert stats['recommended_max_displacement'] == \
        recommended_max_displacement(stats)
    assert 'recommended max_displacement: ' \
        f'{stats["recommended_max_displacement"]:g} px' in result.stdout
    assert '| 99.9 |' in result.stdout


def test_flow_statistics_tool_names_a_missing_config():
    result = run_tool('tools/analysis_tools/flow_statistics.py',
                      'configs/no_such_config.py')
    assert result.returncode != 0
    assert 'no_such_config.py' in result.stderr


def test_flow_statistics_tool_refuses_no_clips():
    result = run_tool('tools/analysis_tools/flow_statistics.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--num-clips',
                      '0')
    assert result.returncode != 0
    assert 'num_clips must be positive' in result.stderr


def test_fit_discriminator_flow_prints_and_writes_its_curve(tmp_path):
    out = tmp_path / 'curve.json'
    result = run_tool('tools/analysis_tools/fit_discriminator_flow.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--iters', '2',
                      '--batch-size', '2', '--print-every', '1', '--out',
                      str(out), '--cfg-options',
                      'model.discriminator.base_channels=2',
                      'train_dataloader.dataset.num_clips=4')
    assert result.returncode == 0, result.stderr[-3000:]
    curve = json.loads(out.read_text())
    assert [c['iter'] for c in curve] == [1, 2]
    assert all(c['loss'] > 0 for c in curve)
    assert 'iteration 2: normalised flow loss' in result.stdout


def test_fit_discriminator_flow_needs_a_vosgan_config():
    result = run_tool('tools/analysis_tools/fit_discriminator_flow.py',
                      'configs/vgan/vgan_900i_sprites.py', '--iters', '1')
    assert result.returncode != 0
    assert 'has no flow target' in result.stderr


def test_latent_sensitivity_tool_reports_a_saturated_motion_code(tmp_path):
    import torch
    from mmengine.registry import init_default_scope

    from vosgan_mm.registry import MODELS
    from vosgan_mm.utils import read_config
    init_default_scope('vosgan_mm')
    cfg = read_config('configs/vosgan/vosgan_900i_sprites.py')
    cfg.model.generator.base_channels = 2
    cfg.model.discriminator.base_channels = 2
    model = MODELS.build(cfg.model)
    model.init_weights()
    lstm = model.generator.motion_encoder
    with torch.no_grad():  # gates open whatever the trajectory: h -> 1
        lstm.weight_ih_l0.zero_()
        lstm.bias_ih_l0.fill_(20)
    checkpoint = tmp_path / 'saturated.pth'
    torch.save(dict(state_dict=model.state_dict()), checkpoint)
    out = tmp_path / 'latents.json'
    result = run_tool('tools/analysis_tools/latent_sensitivity.py',
                      'configs/vosgan/vosgan_900i_sprites.py', str(checkpoint),
                      '--num-samples', '3', '--json', str(out),
                      '--cfg-options', 'model.generator.base_channels=2',
                      'model.discriminator.base_channels=2')
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert set(figures) == {
        'sensitivity_z_scene', 'sensitivity_z_motion', 'motion_code_mean_abs',
        'motion_code_batch_std'
    }
    assert figures['motion_code_mean_abs'] > 0.9
    assert figures['motion_code_batch_std'] < 1e-4
    assert figures['sensitivity_z_motion'] < 1e-4  # the code is constant
    assert 'sensitivity_z_motion: ' in result.stdout


def test_compare_segmentations_tool_prints_figures_and_writes_png(tmp_path):
    import cv2

    from tests.apis.test_segmentation_api import write_video
    from tests.apis.test_segmentation_comparison import write_masks
    video = write_video(tmp_path / 'v.avi', 6)
    write_masks(tmp_path / 'a', 6)
    write_masks(tmp_path / 'b', 6, value=0)
    out, figures = tmp_path / 'cmp.png', tmp_path / 'cmp.json'
    result = run_tool('tools/analysis_tools/compare_segmentations.py',
                      str(video), f'a={tmp_path / "a"}', f'b={tmp_path / "b"}',
                      '--out', str(out), '--json', str(figures))
    assert result.returncode == 0, result.stderr[-3000:]
    assert '| a | 0.500 | 1.000 |' in result.stdout
    assert 'IoU a vs b: 0.000' in result.stdout
    # default frames 1, 3 and 5: three rows of two cells
    assert cv2.imread(str(out)).shape == (3 * 32 + 8, 2 * 48 + 4, 3)
    assert json.loads(figures.read_text())['num_frames'] == 6


def test_compare_segmentations_tool_needs_named_folders(tmp_path):
    result = run_tool('tools/analysis_tools/compare_segmentations.py', 'v.avi',
                      'just_a_folder', '--out', str(tmp_path / 'x.png'))
    assert result.returncode != 0
    assert "'just_a_folder': give a segmentation as NAME=FOLDER" in \
        result.stderr


def test_stabilisation_error_tool_scores_each_cap_against_the_true_camera(
        tmp_path):
    out = tmp_path / 'stabilisation.json'
    result = run_tool('tools/analysis_tools/stabilisation_error.py',
                      '--scenario', 'static', '--num-clips', '2', '--caps',
                      '20', '300', '--out', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert set(figures['rows']) == {
        'no stabilisation', 'ransac_max_iters=20', 'ransac_max_iters=300'
    }
    # a still camera: leaving the clip as it is makes no error at all
    assert figures['rows']['no stabilisation']['max_px'] == 0
    assert len(figures['per_clip_errors_px']['20']) == 2
    assert figures['rows']['ransac_max_iters=300']['seconds_per_clip'] > 0
    assert '| ransac_max_iters=300 |' in result.stdout


def test_stabilisation_error_leaves_the_middle_frame_out_of_a_clip():
    tool = load_tool('tools/analysis_tools/stabilisation_error.py')
    truth = np.tile(np.eye(3), (3, 1, 1))
    estimate = truth.copy()
    estimate[0, 0, 2] = 3  # frame 0 off by 3 px, frame 2 by 1 px
    estimate[2, 1, 2] = 1
    assert tool.clip_error(estimate, truth, (8, 8)) == pytest.approx(2)


def test_stabilisation_error_tool_refuses_a_bad_cap_in_one_line(
        capsys, monkeypatch):
    tool = load_tool('tools/analysis_tools/stabilisation_error.py')
    monkeypatch.setattr(sys, 'argv',
                        ['stabilisation_error.py', '--caps', '200', '0'])
    with pytest.raises(SystemExit) as exit_:
        tool.parse_args()
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        'stabilisation_error.py: error: argument --caps: must be a '
        'positive integer, got 0')
