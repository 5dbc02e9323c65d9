"""Segmentation tools as a user runs them, on tiny generated data."""
import json
import os
import os.path as osp
import pickle
import sys

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT, load_tool
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.registry import MODELS


@pytest.fixture(scope='module')
def gan_checkpoint(tmp_path_factory):
    init_default_scope('vosgan_mm')
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    model = MODELS.build(cfg.model)
    model.init_weights()
    path = tmp_path_factory.mktemp('gan') / 'gan.pth'
    torch.save(dict(state_dict=model.state_dict()), path)
    return str(path)


def write_video(path, num_frames, size=(80, 60)):
    w, h = size
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'mp4v'), 10, (w, h))
    for t in range(num_frames):
        frame = np.full((h, w, 3), 90, np.uint8)
        cv2.rectangle(frame, (5 + t, 20), (20 + t, 35), (0, 0, 255), -1)
        writer.write(frame)
    writer.release()


def test_segment_tool_writes_a_mask_per_frame_read(gan_checkpoint, tmp_path):
    video = tmp_path / 'clip.mp4'
    write_video(video, 40)  # a full shot and a padded one
    out = tmp_path / 'out'
    result = run_tool(
        'tools/segment_video.py', str(video),
        'configs/segmentation/vosgan_seg_adversarial_sprites.py',
        gan_checkpoint, '--prefix', 'discriminator.', '--out-dir', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'segmenting 40 frames of 80x60' in result.stdout
    masks = sorted((out / 'masks').iterdir())
    assert len(masks) == 40
    assert cv2.imread(str(masks[0]), cv2.IMREAD_GRAYSCALE).shape == (60, 80)
    for name in ('mask.mp4', 'overlay.mp4'):
        capture = cv2.VideoCapture(str(out / name))
        assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 40


def test_segment_tool_runs_the_flow_baseline_without_a_checkpoint(tmp_path):
    video = tmp_path / 'clip.mp4'
    write_video(video, 12)
    out = tmp_path / 'out'
    result = run_tool('tools/segment_video.py', str(video),
                      'configs/segmentation/flow_baseline_videos.py',
                      '--out-dir', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    masks = sorted((out / 'masks').iterdir())
    assert len(masks) == 12
    # the moving red square is foreground, the still grey frame is not
    mask = cv2.imread(str(masks[5]), cv2.IMREAD_GRAYSCALE)
    assert mask[27, 17] == 255  # inside the square at frame 5
    assert mask[50, 70] == 0  # background


def test_segment_tool_reads_a_frame_folder(gan_checkpoint, tmp_path):
    frames = tmp_path / 'frames'
    frames.mkdir()
    for t in range(5):
        cv2.imwrite(
            str(frames / f'{t:05d}.jpg'), np.full((48, 64, 3), 30 * t,
                                                  np.uint8))
    result = run_tool(
        'tools/segment_video.py', str(frames),
        'configs/segmentation/vosgan_seg_adversarial_sprites.py',
        gan_checkpoint, '--prefix', 'discriminator.', '--out-dir',
        str(tmp_path / 'out'))
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'segmenting 5 frames of 64x48' in result.stdout


def test_segment_tool_names_a_non_video_file(gan_checkpoint, tmp_path):
    text = tmp_path / 'notes.txt'
    text.write_text('not a video')
    result = run_tool(
        'tools/segment_video.py', str(text),
        'configs/segmentation/vosgan_seg_adversarial_sprites.py',
        gan_checkpoint, '--prefix', 'discriminator.')
    assert result.returncode != 0
    assert ('notes.txt: video too short: 0 frames decode (not a video '
            'file, or damaged?)') in result.stderr
    assert 'Traceback' not in result.stderr


def test_scenarios_test_and_table6_from_their_work_dirs(
        gan_checkpoint, tmp_path):
    small = [
        'test_dataloader.dataset.num_clips=6', 'test_dataloader.batch_size=2',
        'test_dataloader.num_workers=0'
    ]
    adversarial = tmp_path / 'adversarial'
    result = run_tool(
        'tools/test.py',
        'configs/segmentation/vosgan_seg_adversarial_sprites.py', '--work-dir',
        str(adversarial), '--cfg-options',
        f'model.init_cfg.checkpoint={gan_checkpoint}', *small)
    assert result.returncode == 0, result.stderr[-3000:]
    baseline = tmp_path / 'baseline'
    result = run_tool('tools/test.py',
                      'configs/segmentation/flow_baseline_sprites.py',
                      '--work-dir', str(baseline), '--cfg-options', *small)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads((baseline / 'segmentation_results.json').read_text())
    assert {'J', 'F', 'boundary_F', 'prob_on_fg',
            'prob_on_bg'} == set(results['mean'])
    # the flow baseline marks the moving sprites, not the still background
    assert results['mean']['prob_on_fg'] > results['mean']['prob_on_bg']
    table = run_tool('tools/analysis_tools/segmentation_table.py',
                     f'adversarial={adversarial}', f'flow={baseline}')
    assert table.returncode == 0, table.stderr[-3000:]
    assert '| | adversarial | flow |' in table.stdout
    assert '| IoU (= DAVIS region J) |' in table.stdout
    assert "| pixel F (the paper's F1) |" in table.stdout
    assert '| mean probability on true foreground |' in table.stdout


def test_synthetic_scenario_trains_on_generated_videos_only(
        gan_checkpoint, tmp_path):
    result = run_tool(
        'tools/train.py',
        'configs/segmentation/vosgan_seg_synthetic_sprites.py', '--work-dir',
        str(tmp_path), '--cfg-options',
        f'train_dataloader.dataset.gan_checkpoint={gan_checkpoint}',
        'train_dataloader.dataset.num_samples=4',
        'train_dataloader.batch_size=2', 'train_cfg.max_iters=2',
        'default_hooks.checkpoint.interval=2')
    assert result.returncode == 0, result.stderr[-3000:]
    assert osp.isfile(tmp_path / 'iter_2.pth')


def test_segment_tool_names_a_checkpoint_that_does_not_fit(tmp_path):
    init_default_scope('vosgan_mm')
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vgan', 'vgan_900i_sprites.py'))
    path = tmp_path / 'vgan.pth'
    torch.save(dict(state_dict=MODELS.build(cfg.model).state_dict()), path)
    video = tmp_path / 'clip.mp4'
    write_video(video, 8)
    config = 'configs/segmentation/vosgan_seg_adversarial_sprites.py'
    result = run_tool('tools/segment_video.py', str(video), config, str(path),
                      '--prefix', 'discriminator.', '--out-dir',
                      str(tmp_path / 'out'))
    assert result.returncode != 0
    assert (f'{path} does not hold the weights of VOSGANSegmenter under '
            'prefix "discriminator."') in result.stderr
    assert 'missing keys (' in result.stderr
    assert not (tmp_path / 'out').exists()


SCENARIOS = ('flow_baseline', 'vosgan_seg_synthetic', 'vosgan_seg_adversarial',
             'vosgan_seg_ft_synthetic', 'vosgan_seg_ft_adversarial')


@pytest.mark.parametrize('data_set', ['davis', 'segtrack', 'f4k', 'sprites'])
def test_every_scenario_has_a_config_on_every_data_set(data_set):
    types = set()
    for scenario in SCENARIOS:
        cfg = Config.fromfile(
            osp.join(REPO_ROOT, 'configs', 'segmentation',
                     f'{scenario}_{data_set}.py'))
        types.add(cfg.test_dataloader.dataset.type)
        trains = cfg.get('train_dataloader') is not None
        # the fine-tuned scenarios train on the data set's own videos
        assert trains == ('_ft_' in scenario or scenario.endswith('synthetic')
                          and data_set == 'sprites'), scenario
    assert len(types) == 1  # all five tested on the same videos


def test_split_tool_publishes_a_split_that_the_configs_read(tmp_path):
    from tests.datasets.test_video_segmentation_datasets import fish_folders
    fish_folders(tmp_path / 'F4K', num=5)
    split = tmp_path / 'splits' / 'f4k.json'
    data = [f'test_dataloader.dataset.data_root={tmp_path}/F4K']
    result = run_tool('tools/data/write_segmentation_split.py',
                      'configs/segmentation/flow_baseline_f4k.py', '--out',
                      str(split), '--cfg-options', *data)
    assert result.returncode == 0, result.stderr[-3000:]
    written = json.loads(split.read_text())
    assert len(written['train']) == 4 and len(written['val']) == 1
    assert f'val (1): {written["val"][0]}' in result.stdout
    result = run_tool('tools/test.py',
                      'configs/segmentation/flow_baseline_f4k.py',
                      '--work-dir', str(tmp_path / 'work'), '--cfg-options',
                      *data, f'test_dataloader.dataset.split_file={split}',
                      'test_dataloader.num_workers=0')
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(
        (tmp_path / 'work' / 'segmentation_results.json').read_text())
    assert [s['sequence'] for s in results['per_sequence']] == written['val']


def test_show_dir_writes_every_frames_mask_and_overlay_and_dump_pickles(
        tmp_path):
    small = [
        'test_dataloader.dataset.num_clips=6', 'test_dataloader.batch_size=2',
        'test_dataloader.num_workers=0'
    ]
    shown, dump = tmp_path / 'shown', tmp_path / 'predictions.pkl'
    result = run_tool('tools/test.py',
                      'configs/segmentation/flow_baseline_sprites.py',
                      '--work-dir', str(tmp_path / 'work'), '--show-dir',
                      str(shown), '--dump', str(dump), '--cfg-options', *small)
    assert result.returncode == 0, result.stderr[-3000:]
    results = json.loads(
        (tmp_path / 'work' / 'segmentation_results.json').read_text())
    sequences = [s['sequence'] for s in results['per_sequence']]
    assert sorted(os.listdir(shown)) == sorted(sequences)
    for name in sequences:
        masks = sorted(os.listdir(shown / name / 'masks'))
        assert len(masks) == 32  # every frame of the clip
        assert sorted(os.listdir(shown / name / 'overlays')) == masks
        mask = cv2.imread(
            str(shown / name / 'masks' / masks[5]), cv2.IMREAD_GRAYSCALE)
        assert mask.shape == (64, 64) and set(np.unique(mask)) <= {0, 255}
    with open(dump, 'rb') as f:
        predictions = pickle.load(f)
    assert len(predictions) == len(sequences)
    assert predictions[0]['pred_seg'].shape == (32, 64, 64)


def test_show_dir_and_dump_refuse_what_they_cannot_write(tmp_path):
    result = run_tool('tools/test.py', 'configs/vosgan/vosgan_900i_sprites.py',
                      '--work-dir', str(tmp_path), '--show-dir',
                      str(tmp_path / 'shown'))
    assert result.returncode == 1
    assert (
        '--show-dir writes predicted masks: '
        'configs/vosgan/vosgan_900i_sprites.py tests no segmenter'
    ) in result.stderr
    result = run_tool('tools/test.py',
                      'configs/segmentation/flow_baseline_sprites.py',
                      '--work-dir', str(tmp_path), '--dump', 'out.json')
    assert result.returncode == 1
    assert '--dump out.json: the file must be a .pkl' in result.stderr


@pytest.mark.parametrize('scenario', ['adversarial', 'ft_adversarial'])
def test_the_own_videos_segmenter_fits_the_own_videos_gan(scenario):
    """Strict loading needs the segmenter at the GAN's width."""
    gan = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_25e_videos.py'))
    seg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'segmentation',
                 f'vosgan_seg_{scenario}_videos.py'))
    init_default_scope('vosgan_mm')
    segmenter = MODELS.build(dict(seg.model, init_cfg=None))
    discriminator = MODELS.build(gan.model.discriminator)
    expected = {
        k: v.shape
        for k, v in discriminator.state_dict().items()
        if k.startswith(('encoder.', 'motion_stream.'))
    }
    assert {k: v.shape for k, v in segmenter.state_dict().items()} == expected
    assert seg.model.init_cfg.checkpoint == 'work_dirs/vosgan_25e_videos/' \
        'epoch_25.pth'


BASELINES = ('median_background', 'median_background_compensated', 'mog2',
             'knn', 'flow_compensated')


@pytest.mark.parametrize('data_set',
                         ['davis', 'segtrack', 'f4k', 'sprites', 'videos',
                          'photo_scenes'])
def test_every_label_free_baseline_has_a_config_on_every_data_set(data_set):
    flow = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', 'segmentation',
                 f'flow_baseline_{data_set}.py'))
    for baseline in BASELINES:
        cfg = Config.fromfile(
            osp.join(REPO_ROOT, 'configs', 'segmentation_baselines',
                     f'{baseline}_{data_set}.py'))
        assert cfg.test_dataloader == flow.test_dataloader, baseline
        assert cfg.get('train_dataloader') is None


SMALL_VAL = [
    'val_dataloader.dataset.num_clips=4', 'val_dataloader.batch_size=2',
    'val_dataloader.num_workers=0'
]


def test_test_tool_scores_the_val_split_on_request(tmp_path):
    result = run_tool('tools/test.py',
                      'configs/segmentation_baselines/knn_sprites.py',
                      '--split', 'val', '--work-dir', str(tmp_path),
                      '--cfg-options', *SMALL_VAL)
    assert result.returncode == 0, result.stderr[-3000:]
    written = json.loads((tmp_path / 'val_results.json').read_text())
    assert written['split'] == 'val'
    assert not (tmp_path / 'test_results.json').exists()
    per_clip = json.loads(
        (tmp_path / 'segmentation_results.json').read_text())
    # the val split's clips (seed 6), not the test split's (seed 7)
    assert [s['sequence'] for s in per_clip['per_sequence']] == [
        f'sprite-6-{i:06d}' for i in range(4)
    ]


def test_val_split_of_a_config_without_one_is_a_one_line_error(tmp_path):
    result = run_tool('tools/test.py',
                      'configs/segmentation/flow_baseline_davis.py',
                      '--split', 'val', '--work-dir', str(tmp_path))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].endswith(
        'flow_baseline_davis.py: --split val needs val_dataloader and '
        'val_evaluator in the config')


def test_sweep_tool_scores_each_setting_on_val_and_names_the_best(tmp_path):
    out = tmp_path / 'sweep.json'
    result = run_tool('tools/analysis_tools/sweep_settings.py',
                      'configs/segmentation_baselines/median_background_'
                      'sprites.py', '--grid', 'model.threshold=0.005,0.9',
                      '--cfg-options', *SMALL_VAL, '--out', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    sweep = json.loads(out.read_text())
    assert sweep['split'] == 'val' and sweep['sorted_by'] == 'seg/J'
    assert [r['settings'] for r in sweep['results']] == [{
        'model.threshold': 0.005
    }, {
        'model.threshold': 0.9
    }]  # at 0.9 nearly nothing is foreground
    assert sweep['best'] == {'model.threshold': 0.005}
    assert 'sweep_settings.py' in sweep['command']


def test_the_ranking_gathers_seeds_and_sorts_by_region_j(tmp_path):
    def results_file(name, j, f):
        path = tmp_path / f'{name}.json'
        path.write_text(
            json.dumps(
                dict(
                    split='test',
                    metrics={
                        'seg/J': j,
                        'seg/F': f,
                        'seg/boundary_F': f / 2
                    })))
        return str(path)

    for seed, j in enumerate((30.0, 40.0, 20.0)):
        results_file(f'gan_seed{seed}', j, j + 10)
    baseline = results_file('median', 84.0, 90.0)
    table = run_tool('tools/analysis_tools/segmentation_table.py',
                     '--ranking', f'GAN={tmp_path}/gan_seed*.json',
                     f'median={baseline}', '--json',
                     str(tmp_path / 'table.json'))
    assert table.returncode == 0, table.stderr[-3000:]
    rows = [line for line in table.stdout.splitlines() if line[:2] == '| ']
    assert rows[1].startswith('| median | 1 | 84.00 | 90.00 | 45.00 |')
    # mean 30, sample sd 10, minimum 20
    assert rows[2].startswith('| GAN | 3 | 30.00 ± 10.00 (min 20.00) | '
                              '40.00 ± 10.00 (min 30.00) |')
    written = json.loads((tmp_path / 'table.json').read_text())
    assert [run['J'] for run in written['GAN']] == [30.0, 40.0, 20.0]
    missing = run_tool('tools/analysis_tools/segmentation_table.py',
                       '--ranking', f'GAN={tmp_path}/nothing*.json')
    assert missing.returncode != 0
    assert 'nothing*.json: matches no file' in missing.stderr
    assert 'Traceback' not in missing.stderr


@pytest.mark.parametrize('content, message', [
    ('{not json', 'not JSON'),
    ('{"loss": 1}', 'neither "mean" nor "metrics" in it'),
])
def test_the_ranking_names_a_bad_results_file(tmp_path, content, message):
    bad = tmp_path / 'bad.json'
    bad.write_text(content)
    result = run_tool('tools/analysis_tools/segmentation_table.py',
                      '--ranking', f'GAN={bad}')
    assert result.returncode == 1
    assert f'GAN: {bad}: {message}' in result.stderr
    assert 'Traceback' not in result.stderr


def test_the_ranking_per_scenario_gives_a_j_column_each(tmp_path):
    def results_file(name, j):
        path = tmp_path / f'{name}.json'
        path.write_text(json.dumps(dict(split='test', metrics={'seg/J': j})))

    for scenario, j in (('all', 10.0), ('static', 60.0)):
        results_file(f'median_{scenario}', j)
    for seed, (j_all, j_static) in enumerate(((20.0, 5.0), (30.0, 15.0))):
        results_file(f'gan_seed{seed}_all', j_all)
        results_file(f'gan_seed{seed}_static', j_static)
    table = run_tool('tools/analysis_tools/segmentation_table.py',
                     '--ranking', '--scenarios', 'all,static',
                     f'median={tmp_path}/median_{{scenario}}.json',
                     f'GAN={tmp_path}/gan_seed*_{{scenario}}.json', '--json',
                     str(tmp_path / 'table.json'))
    assert table.returncode == 0, table.stderr[-3000:]
    rows = [line for line in table.stdout.splitlines() if line[:2] == '| ']
    assert rows[0] == '| method | runs | J all | J static |'
    # sorted by the first scenario: the GAN's mean 25 over the median's 10
    assert rows[1] == ('| GAN | 2 | 25.00 ± 7.07 (min 20.00) | '
                       '10.00 ± 7.07 (min 5.00) |')
    assert rows[2] == '| median | 1 | 10.00 | 60.00 |'
    written = json.loads((tmp_path / 'table.json').read_text())
    assert [run['J'] for run in written['GAN']['static']] == [5.0, 15.0]
    # a NAME given twice gathers the runs of both paths
    twice = run_tool('tools/analysis_tools/segmentation_table.py',
                     '--ranking', '--scenarios', 'all,static',
                     f'GAN={tmp_path}/gan_seed0_{{scenario}}.json',
                     f'GAN={tmp_path}/gan_seed1_{{scenario}}.json')
    assert twice.returncode == 0, twice.stderr[-3000:]
    assert '| GAN | 2 | 25.00 ± 7.07 (min 20.00) |' in twice.stdout


@pytest.mark.parametrize('args, message', [
    (['--ranking', '--scenarios', 'all', 'median=median_all.json'],
     'median: median_all.json has no {scenario} to fill with --scenarios'),
    (['--scenarios', 'all', 'median=median_{scenario}.json'],
     '--scenarios needs --ranking'),
    (['--ranking', '--scenarios', ',', 'median=median_{scenario}.json'],
     '--scenarios names no scenario'),
    (['--ranking', 'median'], 'expected NAME=PATH, got "median"'),
])
def test_the_table_refuses_bad_arguments_in_one_line(args, message, capsys,
                                                     monkeypatch):
    tool = load_tool('tools/analysis_tools/segmentation_table.py')
    monkeypatch.setattr(sys, 'argv', ['segmentation_table.py', *args])
    with pytest.raises(SystemExit) as exit_:
        tool.parse_args()
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == \
        f'segmentation_table.py: error: {message}'
