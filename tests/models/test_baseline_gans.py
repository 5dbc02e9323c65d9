import pytest
import torch
from mmengine.optim import OptimWrapper, OptimWrapperDict
from mmengine.structures import BaseDataElement

from vosgan_mm.models import clip_singular_values_
from vosgan_mm.registry import MODELS


def test_vgan_generator_is_two_stream_and_composes_eq1():
    g = MODELS.build(dict(type='VGANGenerator', base_channels=4))
    out = g(torch.randn(2, 100))
    assert out['video'].shape == out['foreground'].shape == (2, 3, 32, 64, 64)
    assert out['mask'].shape == (2, 1, 32, 64, 64)
    assert out['background'].shape == (2, 3, 64, 64)
    expected = out['mask'] * out['foreground'] + (
        1 - out['mask']) * out['background'][:, :, None]
    assert torch.allclose(out['video'], expected)


def test_vgan_generator_layers_have_vgans_shapes():
    g = MODELS.build(dict(type='VGANGenerator'))
    shapes = []
    for layer in g.foreground_stream:
        layer.register_forward_hook(
            lambda m, i, o: shapes.append(tuple(o.shape[1:])))
    g(torch.randn(1, 100))
    assert shapes == [(512, 2, 4, 4), (256, 4, 8, 8), (128, 8, 16, 16),
                      (64, 16, 32, 32)]


def test_tgan_generator_makes_one_latent_per_frame_then_frames():
    g = MODELS.build(dict(type='TGANGenerator', base_channels=4))
    z1 = g.temporal_generator(torch.randn(2, 100, 1))
    assert z1.shape == (2, 100, 32)
    out = g(torch.randn(2, 100))
    assert out['video'].shape == (2, 3, 32, 64, 64)
    assert out['video'].abs().max() <= 1


def test_conv3d_discriminator_scores_each_video_and_exposes_its_encoder():
    d = MODELS.build(dict(type='Conv3dVideoDiscriminator'))
    video = torch.rand(2, 3, 32, 64, 64)
    assert d.encoder(video).shape == (2, 512, 2, 4, 4)
    assert d(video)['logits'].shape == (2, )


def test_singular_value_clipping_bounds_every_clipped_layer():
    d = MODELS.build(dict(type='Conv3dVideoDiscriminator', base_channels=4))
    for p in d.parameters():
        p.data.mul_(50)  # far above the bound
    for m in d.modules():
        if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
            m.weight.data.fill_(10.0)
    clip_singular_values_(d, bound=1.0)
    for m in d.modules():
        if isinstance(m, torch.nn.Conv3d):
            top = torch.linalg.matrix_norm(
                m.weight.reshape(m.weight.shape[0], -1), ord=2)
            assert top <= 1.0 + 1e-4
        if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
            ratio = m.weight.abs() / torch.sqrt(m.running_var + m.eps)
            assert (ratio <= 1.0 + 1e-5).all()


def tiny(model_type, generator, **kwargs):
    model = MODELS.build(
        dict(
            type=model_type,
            generator=dict(type=generator, base_channels=2),
            discriminator=dict(
                type='Conv3dVideoDiscriminator', base_channels=2),
            **kwargs))
    model.init_weights()
    return model


def wrappers(model):
    return OptimWrapperDict(
        generator=OptimWrapper(
            torch.optim.Adam(model.generator.parameters(), 1e-3)),
        discriminator=OptimWrapper(
            torch.optim.Adam(model.discriminator.parameters(), 1e-3)))


def batch():
    video = torch.randint(0, 256, (2, 3, 32, 64, 64), dtype=torch.uint8)
    return dict(inputs=dict(video=video), data_samples=[])


def test_vgan_step_logs_gan_terms_and_mask_sparsity():
    model = tiny('VGAN', 'VGANGenerator')
    log = model.train_step(batch(), wrappers(model))
    assert set(log) == {
        'loss_d_real', 'loss_d_fake', 'loss_d', 'loss_g', 'loss_g_mask_l1'
    }


def test_tgan_step_is_wgan_and_clips_the_critic_every_interval():
    model = tiny('TGAN', 'TGANGenerator', clip_interval=2)
    optim = wrappers(model)
    log = model.train_step(batch(), optim)
    assert set(log) == {'loss_d_real', 'loss_d_fake', 'loss_d', 'loss_g'}
    conv = model.discriminator.encoder.layers[1].conv
    conv.weight.data.mul_(100)
    model.train_step(batch(), optim)  # second critic update: clipped
    top = torch.linalg.matrix_norm(
        conv.weight.reshape(conv.weight.shape[0], -1), ord=2)
    assert top <= 1.0 + 1e-4
    assert int(model.critic_updates) == 2


@pytest.mark.parametrize('model_type,generator', [('VGAN', 'VGANGenerator'),
                                                  ('TGAN', 'TGANGenerator')])
def test_baselines_predict_one_video_per_real_clip(model_type, generator):
    model = tiny(model_type, generator).eval()
    data = model.data_preprocessor(
        dict(
            inputs=batch()['inputs'],
            data_samples=[
                BaseDataElement(metainfo=dict(sample_idx=i)) for i in (3, 4)
            ]))
    out = model(**data, mode='predict')
    assert [o['sample_idx'] for o in out] == [3, 4]
    assert out[0]['fake_video'].dtype == torch.uint8
    assert out[0]['fake_video'].shape == (3, 32, 64, 64)
    has_mask = model_type == 'VGAN'
    assert (out[0]['fg_map'] is not None) == has_mask


def test_tgan_losses_are_the_wgan_critic_and_generator_objectives():
    model = tiny('TGAN', 'TGANGenerator').eval()
    real = torch.rand(2, 3, 32, 64, 64) * 2 - 1
    fake = dict(video=torch.rand(2, 3, 32, 64, 64) * 2 - 1)
    critic = model.discriminator
    d = model.discriminator_loss(dict(video=real), fake)
    assert (d['loss_d_real'] + d['loss_d_fake']).item() == pytest.approx(
        (critic(fake['video'])['logits'].mean() -
         critic(real)['logits'].mean()).item(),
        rel=1e-5)
    g = model.generator_loss(fake)
    assert g['loss_g'].item() == pytest.approx(
        -critic(fake['video'])['logits'].mean().item(), rel=1e-5)


@pytest.mark.parametrize('network, parameters', [
    ('VOSGANGenerator', 13_112_999),
    ('VOSGANDiscriminator', 40_956_612),
    ('VGANGenerator', 16_243_463),
    ('Conv3dVideoDiscriminator', 11_040_577),
    ('TGANGenerator', 5_309_159),
])
def test_parameter_counts_at_the_papers_width(network, parameters):
    # the counts of the networks as built before their convolution blocks
    # became mmcv's ConvModule
    model = MODELS.build(dict(type=network))
    assert sum(p.numel() for p in model.parameters()) == parameters
