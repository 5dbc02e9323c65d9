"""The command-line tools, run as a user runs them."""
import os
import os.path as osp
import subprocess
import sys

import pytest
from PIL import Image

from tests.conftest import REPO_ROOT

# the training run trains with --amp (bf16 on the CPU): CI runs these again
# with oneDNN capped at AVX2
pytestmark = pytest.mark.bf16

TINY = [
    'model.generator.base_channels=2', 'model.discriminator.base_channels=2',
    'train_dataloader.batch_size=2', 'train_dataloader.num_workers=0',
    'train_dataloader.persistent_workers=False',
    'train_dataloader.dataset.num_clips=4', 'train_cfg.max_iters=2',
    'default_hooks.checkpoint.interval=2', 'custom_hooks.0.interval=2',
    'custom_hooks.0.num_samples=2'
]


def run_tool(*args):
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    return subprocess.run([sys.executable, *args],
                          cwd=REPO_ROOT,
                          env=env,
                          capture_output=True,
                          text=True,
                          timeout=300)


@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp('demo')
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(work_dir), '--amp', 'bfloat16', '--cfg-options',
                      *TINY)
    assert result.returncode == 0, result.stderr[-3000:]
    return work_dir, result


def test_train_tool_writes_checkpoint_and_samples_and_logs_terms(trained):
    work_dir, result = trained
    assert osp.isfile(work_dir / 'iter_2.pth')
    assert osp.isfile(work_dir / 'samples' / 'iter_0000002.mp4')
    log = result.stdout + result.stderr
    for term in ('loss_d_seg', 'loss_d_flow_real', 'loss_g', 'eta'):
        assert term in log


def test_train_tool_refuses_to_overwrite_an_earlier_run(trained):
    work_dir, _ = trained
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(work_dir), '--cfg-options', *TINY)
    assert result.returncode != 0
    assert 'already holds checkpoints' in result.stderr
    assert osp.isfile(work_dir / 'iter_2.pth')


def test_generate_tool_writes_samples_and_disentanglement_views(
        trained, tmp_path):
    work_dir, _ = trained
    result = run_tool('tools/generate.py',
                      'configs/vosgan/vosgan_900i_sprites.py',
                      str(work_dir / 'iter_2.pth'), '--out-dir', str(tmp_path),
                      '--num-videos', '3', '--num-variations', '2',
                      '--cfg-options', *TINY[:2])
    assert result.returncode == 0, result.stderr[-3000:]
    for name in ('samples', 'fixed_scene', 'fixed_motion'):
        assert osp.isfile(tmp_path / f'{name}.mp4')
        with Image.open(tmp_path / f'{name}.gif') as gif:
            assert gif.n_frames == 32
    with Image.open(tmp_path / 'fixed_scene.gif') as gif:
        # 3 rows of 2 variations, 64 pixels (x2 upscaled) plus padding
        assert gif.size == (2 * (2 * 66) + 4, 3 * (2 * 66) + 4)


def test_generate_tool_names_a_missing_checkpoint(tmp_path):
    result = run_tool('tools/generate.py',
                      'configs/vosgan/vosgan_900i_sprites.py',
                      str(tmp_path / 'none.pth'))
    assert result.returncode != 0
    assert 'checkpoint not found' in result.stderr


def test_train_tool_names_a_missing_data_folder(tmp_path):
    result = run_tool('tools/train.py', 'configs/vosgan_golf.py', '--work-dir',
                      str(tmp_path), '--cfg-options',
                      f'train_dataloader.dataset.data_root={tmp_path}/golf')
    assert result.returncode != 0
    assert 'golf data folder not found' in result.stderr


def test_train_tool_stops_at_a_misspelled_key_before_any_checkpoint(tmp_path):
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path), '--cfg-options', *TINY,
                      'model.discriminator.base_chanels=2')
    assert result.returncode != 0
    assert ('configs/vosgan/vosgan_900i_sprites.py: unknown key '
            '"model.discriminator.base_chanels" for VOSGANDiscriminator '
            '(did you mean "base_channels"?)') in result.stderr
    assert os.listdir(tmp_path) == []


def test_an_unusable_value_ends_the_tool_in_one_line_unless_debugging(
        tmp_path):
    command = ('tools/train.py',
               'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
               str(tmp_path), '--cfg-options', *TINY, 'train_cfg.max_iters=0')
    result = run_tool(*command)
    assert result.returncode == 1
    message = (
        'train.py: error: configs/vosgan/vosgan_900i_sprites.py: '
        'train_cfg.max_iters: must be a positive integer, got 0')
    assert result.stderr.strip().splitlines()[-1] == message
    assert 'Traceback' not in result.stderr
    debugged = run_tool(*command, '--debug')
    assert debugged.returncode == 1
    assert 'Traceback (most recent call last)' in debugged.stderr
    assert os.listdir(tmp_path) == []


def test_mmaction_style_flags_reach_the_run(tmp_path):
    help_text = run_tool('tools/train.py', '--help').stdout
    for flag in ('--seed', '--deterministic', '--auto-scale-lr', '--debug'):
        assert flag in help_text
    result = run_tool('tools/train.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path), '--seed', '5', '--deterministic',
                      '--auto-scale-lr', '--cfg-options', *TINY)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert 'Scaling the original LR by 0.125' in log  # batch 2 of 16
    # the run's seed and the GAN's latent-noise seed, as saved in the dump
    dumped = (tmp_path / 'vosgan_900i_sprites.py').read_text()
    assert "seed=5" in dumped and 'noise_seed=5' in dumped
    assert 'deterministic=True' in dumped
