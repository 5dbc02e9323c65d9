import torch

from vosgan_mm.models import VOSGANDiscriminator
from vosgan_mm.registry import MODELS


def test_every_layer_has_the_shape_of_paper_table_2():
    d = VOSGANDiscriminator()  # the paper's widths
    shapes = {}
    streams = dict(
        enc=d.encoder.layers, dis=d.discrimination_stream, mot=d.motion_stream)
    for prefix, stream in streams.items():
        for i, layer in enumerate(stream):
            layer.register_forward_hook(
                lambda m, inp, out, key=f'{prefix}{i}': shapes.__setitem__(
                    key, tuple(out.shape[1:])))
    out = d(torch.rand(1, 3, 32, 64, 64) * 2 - 1)
    assert [shapes[f'enc{i}'] for i in range(4)] == [(64, 16, 32, 32),
                                                     (128, 8, 16, 16),
                                                     (256, 4, 8, 8),
                                                     (512, 5, 9, 9)]
    assert [shapes[f'dis{i}'] for i in range(2)] == [(1024, 2, 4, 4),
                                                     (1, 1, 1, 1)]
    assert [shapes[f'mot{i}'] for i in range(4)] == [(256, 4, 8, 8),
                                                     (128, 8, 16, 16),
                                                     (64, 16, 32, 32),
                                                     (3, 32, 64, 64)]
    assert out['logits'].shape == (1, )


def test_outputs_have_documented_shapes_and_ranges():
    d = MODELS.build(dict(type='VOSGANDiscriminator', base_channels=2))
    out = d(torch.rand(2, 3, 32, 64, 64) * 2 - 1)
    assert out['logits'].shape == (2, )
    assert out['seg'].shape == (2, 1, 32, 64, 64)
    assert out['flow'].shape == (2, 2, 32, 64, 64)
    for key in ('seg', 'flow'):
        assert out[key].min() >= 0 and out[key].max() <= 1
    assert torch.allclose(out['seg'], torch.sigmoid(out['seg_logits']))


def test_logits_alone_equal_those_of_full_forward():
    d = VOSGANDiscriminator(base_channels=2).eval()
    video = torch.rand(2, 3, 32, 64, 64)
    alone = d(video, with_dense=False)
    assert set(alone) == {'logits'}
    assert torch.allclose(alone['logits'], d(video)['logits'])


def test_shared_encoder_loads_alone_from_its_checkpoint_prefix(tmp_path):
    d = VOSGANDiscriminator(base_channels=2)
    d.init_weights()
    path = tmp_path / 'gan.pth'
    torch.save(
        dict(state_dict={
            f'discriminator.{k}': v
            for k, v in d.state_dict().items()
        }), path)
    encoder = MODELS.build(
        dict(
            type='VOSGANEncoder',
            base_channels=2,
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=str(path),
                prefix='discriminator.encoder.')))
    encoder.init_weights()
    assert encoder.state_dict().keys() == d.encoder.state_dict().keys()
    for key, value in encoder.state_dict().items():
        assert torch.equal(value, d.encoder.state_dict()[key])
