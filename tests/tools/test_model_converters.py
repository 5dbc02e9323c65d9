"""tools/model_converters: the raw weights of an EMAHook checkpoint, and
the average of checkpoints."""
import os
import resource
import subprocess
import sys

import pytest
import torch

from tests.conftest import REPO_ROOT
from tests.tools.test_train_and_generate_tools import run_tool
from tests.utils.test_checkpoint_loading import tiny_gan
from vosgan_mm.utils import load_weights_file

TOOL = 'tools/model_converters/raw_weights_of_ema_checkpoint.py'


def test_raw_weights_of_an_ema_checkpoint_load_into_the_model(tmp_path):
    raw, averaged = tiny_gan(), tiny_gan()
    path, out = tmp_path / 'ema.pth', tmp_path / 'raw.pth'
    torch.save(
        dict(
            meta=dict(iter=3),
            state_dict=averaged.state_dict(),
            ema_state_dict={
                'module.' + k: v
                for k, v in raw.state_dict().items()
            } | {'steps': torch.tensor(3)}), path)
    result = run_tool(TOOL, str(path), str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = load_weights_file(tiny_gan(), str(out))
    for key, value in raw.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value), key


def test_a_checkpoint_without_an_average_is_named(tmp_path):
    path = tmp_path / 'plain.pth'
    torch.save(dict(state_dict=tiny_gan().state_dict()), path)
    result = run_tool(TOOL, str(path), str(tmp_path / 'raw.pth'))
    assert result.returncode == 1
    assert f'{path} has no "ema_state_dict"' in result.stderr


AVERAGE = 'tools/model_converters/average_checkpoints.py'


def test_the_average_of_checkpoints_loads_into_the_model(tmp_path):
    torch.manual_seed(0)
    models = [tiny_gan() for _ in range(3)]
    paths = [tmp_path / f'iter_{n}.pth' for n in range(3)]
    for model, path, n in zip(models, paths, range(3)):
        torch.save(
            dict(meta=dict(iter=n), state_dict=model.state_dict()), path)
    out = tmp_path / 'average.pth'
    result = run_tool(AVERAGE, *map(str, paths), '--out', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = load_weights_file(tiny_gan(), str(out))
    weight = 'discriminator.encoder.layers.0.conv.weight'
    expected = sum(m.state_dict()[weight] for m in models) / 3
    assert torch.allclose(loaded.state_dict()[weight], expected, atol=1e-7)
    meta = torch.load(out, weights_only=True)['meta']
    assert meta['iter'] == 2 and meta['averaged_from'] == list(map(str, paths))


def test_averaging_refuses_to_overwrite_a_checkpoint(tmp_path):
    paths = [tmp_path / 'a.pth', tmp_path / 'b.pth']
    for path in paths:
        torch.save(dict(state_dict=tiny_gan().state_dict()), path)
    before = paths[1].read_bytes()
    result = run_tool(AVERAGE, *map(str, paths), '--out', str(paths[1]))
    assert result.returncode == 1
    assert f'--out {paths[1]} is one of the checkpoints to average' in \
        result.stderr
    assert paths[1].read_bytes() == before


def test_averaging_a_missing_checkpoint_names_it(tmp_path):
    path = tmp_path / 'a.pth'
    torch.save(dict(state_dict=tiny_gan().state_dict()), path)
    missing = tmp_path / 'iter_9.pth'
    result = run_tool(AVERAGE, str(path), str(missing), '--out',
                      str(tmp_path / 'out.pth'))
    assert result.returncode == 1
    assert f'checkpoint not found: {missing}' in result.stderr


def ema_checkpoint(path):
    model = tiny_gan()
    torch.save(
        dict(
            state_dict=model.state_dict(),
            ema_state_dict={
                'module.' + k: v
                for k, v in model.state_dict().items()
            }), path)


def test_raw_weights_refuse_to_overwrite_their_input(tmp_path):
    path = tmp_path / 'ema.pth'
    ema_checkpoint(path)
    before = path.read_bytes()
    link = tmp_path / 'same.pth'
    link.symlink_to(path)
    for out in (path, link):
        result = run_tool(TOOL, str(path), str(out))
        assert result.returncode == 1
        assert f'{out} is the checkpoint to convert; name a new file' in \
            result.stderr
    assert path.read_bytes() == before


def limited_file_size(limit_bytes):
    """A preexec_fn that caps the size of files the tool writes, as
    ``ulimit -f`` does."""

    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


@pytest.mark.parametrize('converter', ['average', 'raw'])
def test_a_failed_write_leaves_the_earlier_output_whole(tmp_path, converter):
    # under a file-size limit (or a full disk) the write fails: the file
    # already at --out stays as it was and the tool exits 1
    paths = [tmp_path / 'a.pth', tmp_path / 'b.pth']
    for path in paths:
        ema_checkpoint(path)
    precious = tmp_path / 'precious.pth'
    ema_checkpoint(precious)
    before = precious.read_bytes()
    if converter == 'average':
        args = [AVERAGE, *map(str, paths), '--out', str(precious)]
    else:
        args = [TOOL, str(paths[0]), str(precious)]
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    result = subprocess.run([sys.executable, *args],
                            cwd=REPO_ROOT,
                            env=env,
                            capture_output=True,
                            text=True,
                            timeout=300,
                            preexec_fn=limited_file_size(len(before) // 4))
    assert result.returncode == 1
    assert precious.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        'a.pth', 'b.pth', 'precious.pth'
    ]  # no temporary file left behind
