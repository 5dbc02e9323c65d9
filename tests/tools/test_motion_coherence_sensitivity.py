"""tools/analysis_tools/motion_coherence_sensitivity.py: MC under each
divergence and smoothing, for reference video sets and a GAN."""
import json
import os.path as osp
import sys

import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT, load_tool

TOOL = 'tools/analysis_tools/motion_coherence_sensitivity.py'
sensitivity = load_tool(TOOL)


def test_still_video_repeats_its_first_frame_and_noise_is_seeded():
    video = torch.randint(0, 256, (3, 4, 8, 8), dtype=torch.uint8)
    frozen = sensitivity.still(video)
    assert frozen.shape == video.shape
    assert all(torch.equal(frozen[:, t], video[:, 0]) for t in range(4))
    assert torch.equal(
        sensitivity.noise(video, 3), sensitivity.noise(video, 3))
    assert not torch.equal(
        sensitivity.noise(video, 3), sensitivity.noise(video, 4))


def test_second_real_set_is_the_next_seed_and_needs_one():
    assert sensitivity.next_seed(dict(type='Sprites', seed=2)) == dict(
        type='Sprites', seed=3)
    with pytest.raises(ValueError, match='its config has no seed'):
        sensitivity.next_seed(dict(type='VideoFolderDataset'))


def test_mc_settings_are_read_from_the_config_without_the_choices():
    cfg = Config(
        dict(test_evaluator=[
            dict(type='InceptionScore'),
            dict(
                type='MotionCoherence',
                max_magnitude=4.0,
                divergence='js',
                smoothing=1e-3)
        ]))
    assert sensitivity.motion_coherence_entry(cfg) == dict(max_magnitude=4.0)
    assert sensitivity.motion_coherence_entry(Config(dict())) == {}


def test_table_has_a_row_per_divergence_and_smoothing():
    real = np.array([[1., 1.]])
    histograms = dict(
        real=real, same=real.copy(), one_way=np.array([[1., 0.]]))
    rows = sensitivity.sensitivity_table(histograms, {})
    assert [(r['divergence'], r['smoothing']) for r in rows] == [
        (d, s) for d in ('kl_real_generated', 'kl_generated_real', 'js')
        for s in (1e-10, 1e-6, 1e-3)
    ]
    assert all(r['same'] == 0 for r in rows)
    # the empty bin of one_way weighs less as the smoothing grows
    kl = [r['one_way'] for r in rows[:3]]
    assert kl[0] > kl[1] > kl[2] > 0
    bins = sensitivity.empty_bins(histograms)
    assert bins['one_way'] == dict(
        empty=1, empty_where_real_is_not=1, real_share_there=0.5)


def run_main(monkeypatch, *args):
    monkeypatch.setattr(sys, 'argv', [TOOL, *args])
    sensitivity.main()


def test_tool_writes_the_table_for_the_reference_sets(tmp_path, monkeypatch,
                                                      capsys):
    out = tmp_path / 'mc.json'
    run_main(
        monkeypatch,
        osp.join(REPO_ROOT, 'configs', 'vosgan',
                 'vosgan_900i_sprites.py'), '--num-clips', '2', '--json',
        str(out), '--cfg-options', 'test_dataloader.batch_size=2',
        'test_dataloader.num_workers=0')
    written = json.loads(out.read_text())
    assert written['num_clips'] == 2 and written['checkpoint'] is None
    assert 'motion_coherence_sensitivity.py' in written['command']
    assert len(written['rows']) == 9
    assert set(written['rows'][0]) == {
        'divergence', 'smoothing', 'real (next seed)', 'still', 'random'
    }
    # a still video leaves empty every bin of real motion: KL(real ||
    # still) falls as the smoothing grows
    still = [r['still'] for r in written['rows'][:3]]
    assert still[0] > still[1] > still[2]
    assert 'KL(real || videos)' in capsys.readouterr().out


def test_no_clips_is_refused(monkeypatch):
    with pytest.raises(SystemExit, match='--num-clips must be at least 1'):
        run_main(monkeypatch, 'configs/vosgan/vosgan_900i_sprites.py',
                 '--num-clips', '0')
