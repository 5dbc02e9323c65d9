import os
import subprocess
import sys

import pytest
import torch

from vosgan_mm.models import SlerpTrajectorySampler, VOSGANGenerator


def record_shapes(modules):
    shapes = {}
    for name, module in modules.items():
        module.register_forward_hook(lambda m, i, o, name=name: shapes.
                                     __setitem__(name, tuple(o.shape[1:])))
    return shapes


def test_every_layer_has_the_shape_of_paper_table_1():
    g = VOSGANGenerator()  # the paper's widths
    shapes = record_shapes({
        **{
            f'bg{i}': m
            for i, m in enumerate(g.background_stream)
        },
        **{
            f'fg{i}': m
            for i, m in enumerate(g.foreground_stream)
        },
        'fg_raw': g.foreground_head,
        'fg_mask': g.mask_head,
    })
    z = SlerpTrajectorySampler().sample(1)
    g(**z)
    assert [shapes[f'bg{i}'] for i in range(5)] == [(512, 4, 4), (256, 8, 8),
                                                    (128, 16, 16),
                                                    (64, 32, 32), (3, 64, 64)]
    assert [shapes[f'fg{i}'] for i in range(4)] == [(512, 2, 4, 4),
                                                    (256, 4, 8, 8),
                                                    (128, 8, 16, 16),
                                                    (64, 16, 32, 32)]
    assert shapes['fg_raw'] == (3, 32, 64, 64)
    assert shapes['fg_mask'] == (1, 32, 64, 64)
    assert g.motion_encoder.input_size == 100
    assert g.motion_encoder.hidden_size == 100


def test_outputs_have_documented_shapes_and_ranges():
    g = VOSGANGenerator(base_channels=4)
    out = g(**SlerpTrajectorySampler().sample(2))
    assert out['video'].shape == (2, 3, 32, 64, 64)
    assert out['mask'].shape == (2, 1, 32, 64, 64)
    assert out['foreground'].shape == (2, 3, 32, 64, 64)
    assert out['background'].shape == (2, 3, 64, 64)
    assert out['video'].min() >= -1 and out['video'].max() <= 1
    assert out['mask'].min() >= 0 and out['mask'].max() <= 1


def test_video_is_mask_composite_of_foreground_and_background():
    g = VOSGANGenerator(base_channels=4)
    out = g(**SlerpTrajectorySampler().sample(2))
    expected = out['mask'] * out['foreground'] + (
        1 - out['mask']) * out['background'][:, :, None]
    assert torch.allclose(out['video'], expected)


def test_mask_of_one_gives_foreground_and_of_zero_the_background():
    fg = torch.rand(2, 3, 4, 8, 8) * 2 - 1
    bg = torch.rand(2, 3, 8, 8) * 2 - 1
    ones = torch.ones(2, 1, 4, 8, 8)
    assert torch.equal(VOSGANGenerator.compose(fg, ones, bg), fg)
    assert torch.equal(
        VOSGANGenerator.compose(fg, torch.zeros_like(ones), bg),
        bg[:, :, None].expand_as(fg))


def test_background_is_static_and_depends_on_scene_code_only():
    g = VOSGANGenerator(base_channels=4).eval()
    z = SlerpTrajectorySampler().sample(1)
    other_motion = SlerpTrajectorySampler().sample(1)['z_motion']
    a = g(z['z_scene'], z['z_motion'])
    b = g(z['z_scene'], other_motion)
    assert torch.equal(a['background'], b['background'])
    assert not torch.allclose(a['mask'], b['mask'])


def test_bad_latent_shapes_are_rejected():
    g = VOSGANGenerator(base_channels=4)
    with pytest.raises(ValueError, match='z_motion'):
        g(torch.randn(2, 100), torch.randn(2, 100))


def test_norm_layers_follow_config():
    g = VOSGANGenerator(
        base_channels=4, norm_cfg=None, background_norm_cfg=None)
    assert not any(
        isinstance(m, torch.nn.modules.batchnorm._BatchNorm)
        for m in g.modules())


def test_mask_init_bias_starts_masks_near_the_background():
    paper = VOSGANGenerator(base_channels=2)
    paper.init_weights()
    assert paper.mask_head.conv.bias.abs().max() == 0
    model = VOSGANGenerator(base_channels=2, mask_init_bias=-3.0)
    model.init_weights()
    assert torch.all(model.mask_head.conv.bias == -3.0)
    z_scene, z_motion = torch.randn(2, 100), torch.randn(2, 32, 100)
    mask = model.eval()(z_scene, z_motion)['mask']
    assert mask.mean().item() == pytest.approx(
        torch.sigmoid(torch.tensor(-3.0)).item(), abs=0.02)


def test_second_foreground_layer_and_activation_are_options():
    paper = VOSGANGenerator(base_channels=4)
    layer2 = paper.foreground_stream[1].conv
    assert (layer2.kernel_size, layer2.stride,
            layer2.padding) == ((3, 3, 3), (3, 3, 3), (1, 2, 2))
    assert isinstance(paper.foreground_stream[1].activate, torch.nn.LeakyReLU)
    vgan_like = VOSGANGenerator(
        base_channels=4,
        foreground_layer2=dict(kernel_size=4, stride=2, padding=1),
        act_cfg=dict(type='ReLU'))
    layer2 = vgan_like.foreground_stream[1].conv
    assert (layer2.kernel_size, layer2.stride,
            layer2.padding) == ((4, 4, 4), (2, 2, 2), (1, 1, 1))
    assert isinstance(vgan_like.foreground_stream[1].activate, torch.nn.ReLU)
    assert isinstance(vgan_like.background_stream[0].activate, torch.nn.ReLU)
    out = vgan_like(**SlerpTrajectorySampler().sample(2))
    assert out['video'].shape == (2, 3, 32, 64, 64)


@pytest.mark.parametrize('layer, message', [
    (dict(kernel_size=4, stride=2, padding=2), 'to 2x6x6, not 4x8x8'),
    (dict(kernel_size=4, stride=2), 'exactly kernel_size, stride and padding'),
])
def test_a_second_layer_of_the_wrong_output_size_is_refused(layer, message):
    with pytest.raises((ValueError, KeyError), match=message):
        VOSGANGenerator(base_channels=4, foreground_layer2=layer)


@pytest.mark.bf16
def test_motion_lstm_runs_in_float32_under_cpu_bf16_autocast():
    # CPUs without AVX-512 refuse oneDNN's bf16 LSTM ("could not create a
    # primitive descriptor"): the motion encoder stays in float32 there
    gen = VOSGANGenerator(base_channels=2).eval()
    z_motion = torch.randn(2, 32, 100)
    with torch.no_grad():
        plain = gen.encode_motion(z_motion)
        with torch.autocast('cpu', dtype=torch.bfloat16):
            under_autocast = gen.encode_motion(z_motion)
            video = gen(torch.randn(2, 100), z_motion)['video']
    assert under_autocast.dtype == torch.float32
    assert torch.equal(under_autocast, plain)
    assert video.dtype == torch.bfloat16  # the rest of G is autocast


@pytest.mark.bf16
def test_generator_trains_under_bf16_autocast_with_onednn_capped_at_avx2():
    # the regression guard on any CPU: oneDNN told to use AVX2 at most, as
    # on a CPU without AVX-512 (the variable is read when oneDNN starts,
    # hence a fresh process)
    script = (
        'import torch\n'
        'from vosgan_mm.models import VOSGANGenerator\n'
        'gen = VOSGANGenerator(base_channels=2)\n'
        'with torch.autocast("cpu", dtype=torch.bfloat16):\n'
        '    out = gen(torch.randn(2, 100), torch.randn(2, 32, 100))\n'
        'out["video"].float().mean().backward()\n')
    env = dict(os.environ, ONEDNN_MAX_CPU_ISA='AVX2')
    done = subprocess.run([sys.executable, '-c', script],
                          env=env,
                          capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr[-2000:]
