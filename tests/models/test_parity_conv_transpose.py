import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from vosgan_mm.models import ParityConvTranspose3d, parity_conv_transpose3d
from vosgan_mm.registry import MODELS


@pytest.mark.parametrize('c_in,c_out,bias', [(4, 3, True), (5, 1, False),
                                             (3, 6, True)])
def test_parity_form_equals_the_transposed_convolution(c_in, c_out, bias):
    torch.manual_seed(0)
    x = torch.randn(2, c_in, 3, 5, 4)
    weight = torch.randn(c_in, c_out, 4, 4, 4)
    b = torch.randn(c_out) if bias else None
    expected = F.conv_transpose3d(x, weight, b, stride=2, padding=1)
    out = parity_conv_transpose3d(x, weight, b)
    assert out.shape == expected.shape == (2, c_out, 6, 10, 8)
    torch.testing.assert_close(out, expected, rtol=1e-5, atol=1e-5)


def test_a_wrong_tap_is_caught():
    # the test above is sensitive to the kernel's layout: a weight flipped
    # along time gives another result
    torch.manual_seed(0)
    x = torch.randn(1, 2, 3, 3, 3)
    weight = torch.randn(2, 1, 4, 4, 4)
    flipped = parity_conv_transpose3d(x, weight.flip(2))
    expected = F.conv_transpose3d(x, weight, stride=2, padding=1)
    assert (flipped - expected).abs().max() > 0.1


def pair(c_out, bias=True):
    torch.manual_seed(1)
    plain = nn.ConvTranspose3d(4, c_out, 4, 2, 1, bias=bias)
    parity = ParityConvTranspose3d(4, c_out, 4, 2, 1, bias=bias)
    parity.load_state_dict(plain.state_dict())
    return plain, parity


@pytest.mark.parametrize('bias', [True, False])
def test_module_gradients_are_the_transposed_convolutions_own(bias):
    plain, parity = pair(3, bias)
    x = torch.randn(2, 4, 3, 4, 4)
    grad = torch.randn(2, 3, 6, 8, 8)
    xa, xb = x.clone().requires_grad_(), x.clone().requires_grad_()
    ya, yb = plain(xa), parity(xb)
    torch.testing.assert_close(yb, ya, rtol=1e-5, atol=1e-6)
    ya.backward(grad)
    yb.backward(grad)
    assert torch.equal(xb.grad, xa.grad)
    assert torch.equal(parity.weight.grad, plain.weight.grad)
    if bias:
        assert torch.equal(parity.bias.grad, plain.bias.grad)


def test_module_passes_gradcheck():
    torch.manual_seed(2)
    layer = ParityConvTranspose3d(2, 1, 4, 2, 1).double()
    x = torch.randn(1, 2, 2, 3, 3, dtype=torch.double, requires_grad=True)
    assert torch.autograd.gradcheck(layer, (x, ))


def test_other_configurations_run_the_ordinary_transposed_convolution():
    torch.manual_seed(3)
    layer = ParityConvTranspose3d(4, 2, 3, 1, 1)
    plain = nn.ConvTranspose3d(4, 2, 3, 1, 1)
    plain.load_state_dict(layer.state_dict())
    x = torch.randn(1, 4, 3, 5, 5)
    assert torch.equal(layer(x), plain(x))


def test_same_parameters_and_initialisation_as_the_plain_networks():
    nets = {}
    for parity in (False, True):
        torch.manual_seed(0)
        nets[parity] = MODELS.build(
            dict(
                type='VOSGAN',
                generator=dict(
                    type='VOSGANGenerator',
                    base_channels=2,
                    parity_heads=parity),
                discriminator=dict(
                    type='VOSGANDiscriminator',
                    base_channels=2,
                    parity_head=parity)))
        nets[parity].init_weights()
    plain, fast = nets[False].state_dict(), nets[True].state_dict()
    assert plain.keys() == fast.keys()
    assert all(torch.equal(plain[k], fast[k]) for k in plain)
    assert isinstance(nets[True].generator.mask_head.conv,
                      ParityConvTranspose3d)
    assert isinstance(nets[True].discriminator.motion_stream[3].conv,
                      ParityConvTranspose3d)
    assert not isinstance(nets[False].generator.mask_head.conv,
                          ParityConvTranspose3d)
    latents = nets[False].sample_latents(2, 0)
    with torch.no_grad():
        out_plain = nets[False].generator(**latents)
        out_fast = nets[True].generator(**latents)
        dense_plain = nets[False].discriminator(out_plain['video'])
        dense_fast = nets[True].discriminator(out_plain['video'])
    for key in ('video', 'mask'):
        torch.testing.assert_close(out_fast[key], out_plain[key])
    for key in ('seg', 'flow'):
        torch.testing.assert_close(dense_fast[key], dense_plain[key])


@pytest.mark.bf16
def test_under_autocast_it_computes_and_differentiates_as_the_plain_layer():
    plain, parity = pair(3)
    x = torch.randn(2, 4, 3, 4, 4)
    outputs, grads = {}, {}
    for name, layer in (('plain', plain), ('parity', parity)):
        xx = x.clone().requires_grad_()
        with torch.autocast('cpu', dtype=torch.bfloat16):
            outputs[name] = layer(xx)
        outputs[name].float().sum().backward()
        grads[name] = (xx.grad, layer.weight.grad, layer.bias.grad)
    assert outputs['parity'].dtype == outputs['plain'].dtype == torch.bfloat16
    torch.testing.assert_close(
        outputs['parity'].float(),
        outputs['plain'].float(),
        rtol=2e-2,
        atol=2e-2)
    for got, expected in zip(grads['parity'], grads['plain']):
        assert got.dtype == expected.dtype
        torch.testing.assert_close(got, expected, rtol=2e-2, atol=2e-2)
