"""A tool that cannot run says why in a line, before MMEngine logs the
environment and the config (some 270 lines), and a segmenter read from a
checkpoint is one line, not MMEngine's per-parameter initialisation log."""
import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.registry import MODELS


def output_lines(result):
    return (result.stdout + result.stderr).splitlines()


def test_a_misspelt_config_key_fails_in_one_line_before_any_dump(tmp_path):
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path), '--cfg-options', 'train_cfg.max_iterz=3')
    assert result.returncode != 0
    assert ('unknown key "train_cfg.max_iterz" for IterBasedTrainLoop '
            '(did you mean "max_iters"?)') in result.stderr
    assert len(output_lines(result)) < 10, result.stdout + result.stderr


def test_an_earlier_runs_work_dir_is_refused_before_any_dump(tmp_path):
    (tmp_path / 'iter_2.pth').write_bytes(b'')
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path))
    assert result.returncode != 0
    assert f'work dir {tmp_path} already holds checkpoints of an earlier ' \
        'run (iter_2.pth...)' in result.stderr
    assert len(output_lines(result)) < 10, result.stdout + result.stderr


def test_a_missing_load_from_is_refused_before_any_dump(tmp_path):
    missing = tmp_path / 'nothere.pth'
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path / 'run'), '--cfg-options',
                      f'load_from={missing}')
    assert result.returncode != 0
    assert f'checkpoint not found: {missing}' in result.stderr
    assert len(output_lines(result)) < 10, result.stdout + result.stderr


@pytest.fixture
def gan_checkpoint(tmp_path):
    cfg = Config.fromfile(f'{REPO_ROOT}/configs/vosgan/vosgan_900i_sprites.py')
    model = MODELS.build(cfg.model)
    path = tmp_path / 'gan.pth'
    torch.save(dict(state_dict=model.state_dict()), path)
    return path


def test_segmenting_with_a_gan_checkpoint_names_it_in_one_line(
        gan_checkpoint, tmp_path):
    video = tmp_path / 'clip.avi'
    writer = cv2.VideoWriter(
        str(video), cv2.VideoWriter_fourcc(*'MJPG'), 10, (48, 32))
    for t in range(6):
        frame = np.full((32, 48, 3), 90, np.uint8)
        cv2.rectangle(frame, (5 + t, 10), (15 + t, 20), (0, 0, 255), -1)
        writer.write(frame)
    writer.release()
    result = run_tool('tools/segment_video.py', str(video),
                      'configs/segmentation/vosgan_seg_adversarial_sprites.py',
                      str(gan_checkpoint), '--prefix', 'discriminator.',
                      '--out-dir', str(tmp_path / 'out'))
    assert result.returncode == 0, result.stderr[-3000:]
    lines = output_lines(result)
    assert lines[0] == \
        f'loaded {gan_checkpoint} with prefix "discriminator."'
    assert not any('The value is the same' in line for line in lines)
    assert len(lines) < 10, '\n'.join(lines)
