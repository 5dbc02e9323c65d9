import pytest
import torch
import torch.nn as nn

from tests.models.test_vosgan import tiny_vosgan
from vosgan_mm.models.layers import (EfficientConv3d, EfficientConvTranspose2d,
                                     EfficientConvTranspose3d)

# (layer, input shape): the layers of the paper that cuDNN runs slowly
CASES = {
    'generator foreground, 1x1x1 code in':
    (lambda: EfficientConvTranspose3d(12, 8,
                                      (2, 4, 4), 1, 0), (3, 12, 1, 1, 1)),
    'generator background, 1x1 code in':
    (lambda: EfficientConvTranspose2d(12, 8, 4, 1, 0), (3, 12, 1, 1)),
    'motion stream, stride 1 and padding 1':
    (lambda: EfficientConvTranspose3d(6, 4, 2, 1, 1), (2, 6, 4, 8, 8)),
    'discriminator last layer, kernel over the whole map':
    (lambda: EfficientConv3d(6, 1, (2, 4, 4), (2, 4, 4), 0), (3, 6, 2, 4, 4)),
}


def both_forms(make, shape):
    torch.manual_seed(0)
    layer = make()
    x = torch.randn(shape, requires_grad=True)
    results = {}
    for form in ('standard', 'efficient'):
        layer.form = form
        layer.zero_grad()
        x.grad = None
        out = layer(x)
        out.backward(torch.linspace(-1, 1, out.numel()).view(out.shape))
        results[form] = (out.detach(), x.grad.clone(),
                         [p.grad.clone() for p in layer.parameters()])
    return results


@pytest.mark.parametrize('case', CASES)
def test_efficient_form_gives_the_outputs_and_gradients_of_the_layer(case):
    results = both_forms(*CASES[case])
    standard, efficient = results['standard'], results['efficient']
    assert efficient[0].shape == standard[0].shape
    torch.testing.assert_close(efficient[0], standard[0])
    torch.testing.assert_close(efficient[1], standard[1])
    for a, b in zip(efficient[2], standard[2]):
        torch.testing.assert_close(a, b)


@pytest.mark.parametrize('case', CASES)
def test_on_a_cpu_the_layer_is_pytorchs_own_operation(case):
    make, shape = CASES[case]
    torch.manual_seed(0)
    layer = make()
    x = torch.randn(shape)
    plain = (
        nn.Conv3d
        if isinstance(layer, EfficientConv3d) else layer.__class__.__mro__[2])
    reference = plain.forward(layer, x)
    assert torch.equal(layer(x), reference)  # form 'auto'


@pytest.mark.bf16
@pytest.mark.parametrize('case', CASES)
def test_efficient_form_under_autocast_casts_as_the_layer_does(case):
    make, shape = CASES[case]
    layer = make()
    x = torch.randn(shape)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        layer.form = 'standard'
        standard = layer(x)
        layer.form = 'efficient'
        efficient = layer(x)
    assert efficient.dtype == standard.dtype == torch.bfloat16


def test_whole_networks_agree_in_both_forms():
    model = tiny_vosgan()
    latents = model.sample_latents(2, seed=1)
    outputs = {}
    for form in ('standard', 'efficient'):
        for module in model.modules():
            if hasattr(module, 'form'):
                module.form = form
        fake = model.generate(**latents)
        outputs[form] = (fake['video'], model.discriminator(fake['video']))
    torch.testing.assert_close(outputs['efficient'][0], outputs['standard'][0])
    for key, value in outputs['standard'][1].items():
        torch.testing.assert_close(outputs['efficient'][1][key], value)


def test_an_unknown_form_is_named():
    layer = EfficientConv3d(2, 2, 1)
    layer.form = 'fast'
    with pytest.raises(ValueError, match="form must be one of .* 'fast'"):
        layer(torch.randn(1, 2, 1, 1, 1))
