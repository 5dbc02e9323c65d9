import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.models.test_farneback_flow import shifted_clip
from tests.models.test_vosgan import batch, tiny_vosgan, wrappers
from vosgan_mm.evaluation import end_point_error
from vosgan_mm.models import FarnebackFlow, TorchFarnebackFlow
from vosgan_mm.models.flow.torch_farneback_flow import (polynomial_expansion,
                                                        polynomial_filters)
from vosgan_mm.sprites import render_sprite_clip


def test_polynomial_expansion_recovers_the_coefficients_of_a_quadratic():
    y, x = torch.meshgrid(torch.arange(32.), torch.arange(32.), indexing='ij')
    # f = 3 + 2x - y + 0.5x^2 + 0.25y^2 - 0.3xy, expanded around (16, 16)
    u, v = x - 16, y - 16
    image = 3 + 2 * u - v + 0.5 * u * u + 0.25 * v * v - 0.3 * u * v
    filters = polynomial_filters(5, 1.2)
    assert filters.shape == (5, 1, 11, 11)
    coeffs = polynomial_expansion(image[None, None], filters)
    # at the centre pixel, coordinates relative to it are (u, v)
    assert coeffs.shape == (1, 5, 32, 32)
    assert coeffs[0, :, 16,
                  16].tolist() == pytest.approx([2, -1, 0.5, 0.25, -0.3],
                                                abs=1e-3)


def test_pyramid_leaves_out_levels_under_32_pixels():
    assert TorchFarnebackFlow().level_scales(64, 64) == [0.5, 1]
    assert TorchFarnebackFlow().level_scales(160, 200) == [0.25, 0.5, 1]
    one_level = TorchFarnebackFlow()
    one_level.levels = 0
    assert one_level.level_scales(160, 160) == [1]


def test_flow_of_a_known_shift_recovers_the_shift():
    _, video = shifted_clip(2, -1)
    target = TorchFarnebackFlow()(torch.cat([video, video]))
    assert target.shape == (2, 2, 3, 64, 64)
    assert target.dtype == torch.float32
    assert target.min() >= 0 and target.max() <= 1
    inner = FarnebackFlow().denormalize(target[:, :, :, 12:-12, 12:-12])
    assert inner[:, 0].mean().item() == pytest.approx(2, abs=0.15)
    assert inner[:, 1].mean().item() == pytest.approx(-1, abs=0.15)


def test_matches_opencv_farneback_on_sprite_clips():
    for seed in range(2):
        clip = render_sprite_clip(seed, num_frames=6)
        ours = TorchFarnebackFlow().clip_flow(clip['imgs'])
        theirs = FarnebackFlow().clip_flow(clip['imgs'])
        assert ours.shape == theirs.shape == (5, 64, 64, 2)
        assert ours.dtype == np.float32
        assert end_point_error(ours, theirs) < 1e-3
        assert end_point_error(ours, clip['gt_flow']) < 2


def test_batch_call_equals_per_clip_flow():
    clips = [render_sprite_clip(s, num_frames=4) for s in range(2)]
    video = torch.stack([torch.from_numpy(c['imgs']) for c in clips])
    video = video.permute(0, 4, 1, 2, 3).float() / 127.5 - 1
    of = TorchFarnebackFlow()
    target = of.denormalize(of(video))  # (N, 2, T-1, H, W)
    for i, clip in enumerate(clips):
        single = torch.from_numpy(of.clip_flow(clip['imgs'])).clamp(-8, 8)
        assert torch.allclose(target[i].permute(1, 2, 3, 0), single, atol=1e-4)


def test_rejects_a_video_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r'\(N, 3, T, H, W\).*\(2, 3, 64'):
        TorchFarnebackFlow()(torch.zeros(2, 3, 64, 64))


def test_end_point_error_is_the_mean_distance_over_the_mask():
    flow = np.zeros((2, 2, 2))
    reference = np.zeros((2, 2, 2))
    reference[0, 0] = (3, 4)
    assert end_point_error(flow, reference) == pytest.approx(5 / 4)
    mask = np.array([[True, False], [False, False]])
    assert end_point_error(flow, reference, mask) == pytest.approx(5)
    with pytest.raises(ValueError, match='share a'):
        end_point_error(flow, reference[..., :1])


def test_vosgan_trains_with_the_pytorch_flow_target_selected_by_config():
    model = tiny_vosgan(flow_target=dict(type='TorchFarnebackFlow'))
    assert isinstance(model.flow_target, TorchFarnebackFlow)
    log = model.train_step(batch(with_flow=False), wrappers(model))
    assert torch.isfinite(log['loss_d_flow_fake'])
    assert torch.isfinite(log['loss_d_flow_real'])


@pytest.mark.parametrize(
    'config',
    ['vosgan_25e_golf-device-flow', 'vosgan_900i_sprites-device-flow'])
def test_torch_flow_configs_compute_all_flow_in_the_model(config):
    cfg = Config.fromfile(f'configs/vosgan/{config}.py')
    assert cfg.model.flow_target.type == 'TorchFarnebackFlow'
    steps = [t['type'] for t in cfg.train_dataloader.dataset.pipeline]
    assert 'ComputeFlowTarget' not in steps
    assert steps[-1] == 'PackVideoGANInputs'


@pytest.mark.bf16
def test_autocast_does_not_lower_its_precision():
    clip = render_sprite_clip(4, num_frames=2, size=320)
    video = torch.from_numpy(clip['imgs']).permute(3, 0, 1, 2)[None]
    video = video.float() / 127.5 - 1
    of = TorchFarnebackFlow()
    with torch.autocast('cpu', dtype=torch.bfloat16):
        under_autocast = of(video)
    assert under_autocast.dtype == torch.float32
    assert torch.equal(under_autocast, of(video))
