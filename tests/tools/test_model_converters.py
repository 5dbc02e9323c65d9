"""tools/model_converters: the raw weights of an EMAHook checkpoint."""
import torch

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
