"""Checkpoints written when a convolution block was an nn.Sequential
(``x.0.weight``, ``x.1.running_mean``) load on every path, as checkpoints
of mmcv's ConvModule (``x.conv.weight``, ``x.bn.running_mean``) do."""
import re

import pytest
import torch

from tests.conftest import tiny_demo_config
from tests.models.test_strict_pretrained_init import backbone
from tests.utils.test_checkpoint_loading import tiny_gan
from vosgan_mm.apis import load_gan
from vosgan_mm.models.layers import conv_block
from vosgan_mm.registry import MODELS, RUNNERS
from vosgan_mm.utils import upgrade_conv_block_keys


def sequential_keys(state_dict):
    """The state dict as the Sequential blocks named it."""
    return {
        re.sub(r'\.conv\.', '.0.', re.sub(r'\.bn\.', '.1.', key)): value
        for key, value in state_dict.items()
    }


@pytest.fixture
def older(tmp_path):
    model = tiny_gan()
    weights = sequential_keys(model.state_dict())
    assert 'discriminator.encoder.layers.1.1.running_mean' in weights
    path = tmp_path / 'older.pth'
    torch.save(dict(meta=dict(), state_dict=weights), path)
    return model, str(path)


def test_keys_are_renamed_only_where_the_model_expects_the_new_one():
    expected = ['a.conv.weight', 'a.bn.running_mean', 'b.0.weight']
    found = {'a.0.weight': 1, 'a.1.running_mean': 2, 'b.0.weight': 3}
    assert upgrade_conv_block_keys(expected, found) == {
        'a.conv.weight': 1,
        'a.bn.running_mean': 2,
        'b.0.weight': 3
    }
    current = {'a.conv.weight': 1}
    assert upgrade_conv_block_keys(expected, current) is current


def test_generation_api_loads_an_older_checkpoint(older, tmp_path):
    model, path = older
    cfg = tiny_demo_config(tmp_path)
    loaded = load_gan(cfg, path)
    for key, value in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value), key


def test_strict_pretrained_loads_an_older_checkpoint(older):
    model, path = older
    loaded = backbone(path)
    loaded.init_weights()
    weights = loaded.state_dict()
    assert torch.equal(
        weights['encoder.layers.1.bn.running_var'],
        model.state_dict()['discriminator.encoder.layers.1.bn.running_var'])


def test_runner_loads_an_older_checkpoint(older, tmp_path):
    model, path = older
    runner = RUNNERS.build(tiny_demo_config(tmp_path))
    runner.load_checkpoint(path)
    for key, value in model.state_dict().items():
        assert torch.equal(runner.model.state_dict()[key], value), key


def test_a_block_keeps_the_dcgan_initialisation_of_its_network():
    # ConvModule initialises itself (Kaiming) when built; the network's
    # init_cfg must win, also for a block that is a direct child
    network = MODELS.build(
        dict(type='Conv3dVideoDiscriminator', base_channels=2))
    network.init_weights()
    head = network.head.conv.weight
    assert head.std().item() == pytest.approx(0.02, rel=0.2)
    # a block alone keeps PyTorch's default initialisation
    block = conv_block('conv', 3, 2, 16, 4, 2, 1, dict(type='BN3d'))
    assert block.conv.weight.std().item() > 0.03


def test_runner_renames_the_average_that_ema_hook_saved_beside(
        older, tmp_path):
    model, path = older
    checkpoint = torch.load(path)
    checkpoint['ema_state_dict'] = {
        'module.' + key: value
        for key, value in checkpoint['state_dict'].items()
    }
    torch.save(checkpoint, path)
    runner = RUNNERS.build(tiny_demo_config(tmp_path))
    loaded = runner.load_checkpoint(path)
    assert set(loaded['ema_state_dict']) == {
        'module.' + key
        for key in model.state_dict()
    }


def test_a_seed_gives_the_weights_it_gave_the_sequential_blocks():
    # sums of |weights| of the networks built, in this order, after
    # torch.manual_seed(3) when conv_block was an nn.Sequential: runs of
    # the same seed start from the same weights across the change
    torch.manual_seed(3)
    sums = []
    for network in ('VOSGANGenerator', 'VOSGANDiscriminator'):
        model = MODELS.build(dict(type=network, base_channels=4))
        model.init_weights()
        sums.append(
            sum(value.double().abs().sum().item()
                for value in model.state_dict().values()
                if value.is_floating_point()))
    assert sums == pytest.approx([8955.200667369523, 2903.1218174628552],
                                 rel=1e-9)
