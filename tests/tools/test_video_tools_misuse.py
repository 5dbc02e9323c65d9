"""The video tools as a user misuses them: a file size limit, truncated and
damaged inputs, a repeat-frame AVI, a single frame, a NaN threshold. Each
failure is exit status 1 (2 for a bad option) with one line naming the
file, and leaves no output behind."""
import os
import re
import subprocess
import sys

import cv2
import numpy as np

from tests.conftest import REPO_ROOT
from tests.datasets.test_video_checks import REPEATS, write_repeat_frame_avi
from tests.datasets.test_video_decoding import cut, write_moving_video
from tests.tools.test_train_and_generate_tools import run_tool

FLOW = 'configs/segmentation/flow_baseline_videos.py'


def run_tool_with_file_size_limit(kib, *args):
    """A tool run under ``ulimit -f`` (in KiB): writes past it fail."""
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    return subprocess.run(
        ['bash', '-c', f'ulimit -f {kib}; exec "$0" "$@"', sys.executable,
         *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300)


def write_noisy_video(path, num_frames=40):
    """Noise compresses badly: its outputs outgrow a small size limit."""
    rng = np.random.default_rng(0)
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'MJPG'), 10, (96, 72))
    for t in range(num_frames):
        frame = rng.integers(0, 255, (72, 96, 3), dtype=np.uint8)
        frame[20:40, t:t + 20] = (0, 0, 255)
        writer.write(frame)
    writer.release()
    return path


def error_lines(result):
    return result.stderr.strip().splitlines()


def test_segment_tool_under_a_file_size_limit_fails_naming_the_file(
        tmp_path):
    video = write_noisy_video(tmp_path / 'noisy.avi')
    out = tmp_path / 'out'
    result = run_tool_with_file_size_limit(40, 'tools/segment_video.py',
                                           str(video), FLOW, '--out-dir',
                                           str(out))
    # not killed by SIGXFSZ, not "wrote 40 masks"
    assert result.returncode == 1, result.stderr[-3000:]
    [line] = error_lines(result)
    assert line.startswith(f'segment_video.py: error: {out}/')
    assert 'of the 40 frames written decode; disk full, or over a file ' \
           'size limit?' in line
    assert 'wrote' not in result.stdout
    assert not out.exists()


def test_split_tool_under_a_file_size_limit_fails_naming_the_clip(tmp_path):
    video = write_noisy_video(tmp_path / 'noisy.avi')
    out = tmp_path / 'clips'
    result = run_tool_with_file_size_limit(40, 'tools/data/split_video.py',
                                           str(video), str(out),
                                           '--clip-frames', '16')
    assert result.returncode == 1, result.stderr[-3000:]
    [line] = error_lines(result)
    assert line.startswith(f'split_video.py: error: {out}/noisy_000')
    assert 'of the 16 frames written decode' in line
    assert not out.exists()


def test_split_tool_replaces_its_clips_only_from_a_whole_video(tmp_path):
    out = tmp_path / 'clips'
    out.mkdir()
    (out / 'other_0000.avi').write_bytes(b'another video\'s clip')
    video = write_moving_video(tmp_path / 'v.avi', 'MJPG')
    result = run_tool('tools/data/split_video.py', str(video), str(out),
                      '--clip-frames', '8')
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(os.listdir(out)) == 1 + 5
    before = {name: (out / name).read_bytes() for name in os.listdir(out)}
    cut(video, 0.5)
    result = run_tool('tools/data/split_video.py', str(video), str(out),
                      '--clip-frames', '8')
    assert result.returncode == 1
    [line] = error_lines(result)
    assert re.fullmatch(
        f'split_video.py: error: {re.escape(str(video))}: truncated or '
        r'damaged: its header claims 40 frames but only (\d+) decode.*; '
        r'--allow-truncated cuts the \1 that decode', line)
    assert {name: (out / name).read_bytes()
            for name in os.listdir(out)} == before
    result = run_tool('tools/data/split_video.py', str(video), str(out),
                      '--clip-frames', '8', '--allow-truncated')
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'only ' in result.stderr and '(--allow-truncated)' in \
        result.stderr
    clips = sorted(os.listdir(out))
    assert 'other_0000.avi' in clips and 1 < len(clips) < 1 + 5  # no stale
    assert (out / 'other_0000.avi').read_bytes() == before['other_0000.avi']


def test_segment_tool_reads_a_repeat_frame_avi(tmp_path):
    video = write_repeat_frame_avi(tmp_path / 'vfr.avi')
    out = tmp_path / 'out'
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert f'segmenting {len(REPEATS)} frames' in result.stdout
    assert len(os.listdir(out / 'masks')) == len(REPEATS)


def test_segment_tool_on_a_cut_video_names_the_option_and_warns_with_it(
        tmp_path):
    video = cut(write_moving_video(tmp_path / 'v.avi', 'MJPG'), 0.5)
    out = tmp_path / 'out'
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(out))
    assert result.returncode == 1
    [line] = error_lines(result)
    assert re.fullmatch(
        f'segment_video.py: error: {re.escape(str(video))}: truncated or '
        r'damaged: .* but only (\d+) decode.*; --allow-truncated segments '
        r'the \1 that decode', line)
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(out), '--allow-truncated')
    assert result.returncode == 0, result.stderr[-3000:]
    decodable = len(os.listdir(out / 'masks'))
    assert 0 < decodable < 40
    assert (f'segment_video.py: warning: {video}: only {decodable} of its 40 '
            'frames decode; masks written for those (--allow-truncated)'
            ) in error_lines(result)


def test_segment_tool_refuses_a_single_frame_and_a_nan_threshold(tmp_path):
    video = write_moving_video(tmp_path / 'one.avi', 'MJPG', num_frames=1)
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(tmp_path / 'out'))
    assert result.returncode == 1
    assert error_lines(result) == [
        f'segment_video.py: error: {video}: 1 frame; segmenting needs at '
        'least 2 (the segmenters find what moves)'
    ]
    video = write_moving_video(tmp_path / 'v.avi', 'MJPG')
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(tmp_path / 'out'), '--threshold',
                      'nan')
    assert result.returncode == 2
    assert error_lines(result) == [
        'segment_video.py: error: --threshold must be a number between 0 '
        'and 1 or "otsu", got nan'
    ]
    result = run_tool('tools/segment_video.py', str(video), FLOW,
                      '--out-dir', str(tmp_path / 'out'), '--threshold',
                      'Otsu')  # the name is exact, as in the configs
    assert result.returncode == 2
    assert error_lines(result)[-1] == (
        'segment_video.py: error: argument --threshold: must be a number '
        'between 0 and 1 or "otsu", got \'Otsu\'')
    assert not (tmp_path / 'out').exists()


def write_ucf101(root, cut_share=None):
    """Two classes of 4 groups; Biking's g02 video is cut."""
    lists = root / 'lists'
    lists.mkdir(parents=True)
    (lists / 'classInd.txt').write_text('1 Biking\n2 Diving\n')
    train, test = [], []
    for label, name in enumerate(('Biking', 'Diving'), 1):
        for group in (1, 2, 3, 4):
            rel = f'{name}/v_{name}_g{group:02d}_c01.avi'
            (root / 'UCF-101' / name).mkdir(parents=True, exist_ok=True)
            write_moving_video(root / 'UCF-101' / rel, 'MJPG')
            if group < 4:
                train.append(f'{rel} {label}')
            else:
                test.append(rel)
    cut(root / 'UCF-101' / 'Biking' / 'v_Biking_g02_c01.avi', 0.5)
    (lists / 'trainlist01.txt').write_text('\n'.join(train) + '\n')
    (lists / 'testlist01.txt').write_text('\n'.join(test) + '\n')
    return root


def test_annotation_tool_leaves_out_a_cut_video_unless_allowed(tmp_path):
    root = write_ucf101(tmp_path)
    cut_video = 'Biking/v_Biking_g02_c01.avi'
    listed = {}
    for option in ([], ['--allow-truncated']):
        result = run_tool('tools/data/build_ucf101_annotations.py',
                          '--videos', str(root / 'UCF-101'), '--splits',
                          str(root / 'lists'), '--out-dir', str(root),
                          '--split', '1', '--val-groups', '1', *option)
        assert result.returncode == 0, result.stderr[-3000:]
        listed[bool(option)] = ''.join(
            (root / f'ucf101_{subset}_split_1_videos.txt').read_text()
            for subset in ('train', 'val'))
        if not option:
            assert (f'left out: unreadable: {root}/UCF-101/{cut_video}: '
                    'truncated or damaged: its header claims 40 frames but '
                    'only ') in result.stdout
    assert cut_video not in listed[False]
    assert f'{cut_video} 0' in listed[True]
