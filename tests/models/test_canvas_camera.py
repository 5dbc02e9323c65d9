"""The generator's optional camera over its background (CanvasCamera)."""
import pytest
import torch

from vosgan_mm.models import SlerpTrajectorySampler, VOSGANGenerator
from vosgan_mm.models.generators import CanvasCamera


def ramp_canvas(size=64):
    """(1, 2, size, size): channel 0 holds each pixel centre's normalised x,
    channel 1 its y, as grid_sample (align_corners=False) places them."""
    centres = (2 * torch.arange(size) + 1) / size - 1
    x = centres.view(1, size).expand(size, size)
    return torch.stack([x, x.t()])[None]


def test_still_camera_shows_the_centre_of_the_canvas_in_every_frame():
    camera = CanvasCamera(in_features=8, margin=0.25)
    shifts = camera.shifts(torch.randn(3, 5, 8), num_frames=5)
    assert shifts.shape == (3, 5, 2)
    assert torch.all(shifts == 0)  # the path starts still
    frames = camera.view(ramp_canvas().expand(3, -1, -1, -1), shifts)
    assert frames.shape == (3, 2, 5, 64, 64)
    # every frame the same, the central 3/4 of the canvas
    assert torch.equal(frames, frames[:, :, :1].expand_as(frames))
    x = frames[0, 0, 0, 0]
    assert x[0].item() == pytest.approx(0.75 * (1 / 64 - 1), abs=1e-5)
    assert x[-1].item() == pytest.approx(0.75 * (1 - 1 / 64), abs=1e-5)


def test_a_shift_moves_the_view_by_that_much_and_stays_on_the_canvas():
    camera = CanvasCamera(in_features=1, margin=0.25)
    with torch.no_grad():
        camera.path.bias.copy_(torch.tensor([20.0, -20.0]))  # tanh = +-1
    shifts = camera.shifts(torch.zeros(1, 4, 1), num_frames=4)
    assert torch.allclose(shifts, torch.tensor([0.25, -0.25]).expand(1, 4, 2))
    frames = camera.view(ramp_canvas(), shifts)[0, :, 0]  # (2, 64, 64)
    still = camera.view(ramp_canvas(), torch.zeros(1, 1, 2))[0, :, 0]
    # interior pixels: x moved right by the shift, y moved up by it
    assert torch.allclose(frames[0, :, 1:-1] - still[0, :, 1:-1],
                          torch.tensor(0.25), atol=1e-5)
    assert torch.allclose(frames[1, 1:-1] - still[1, 1:-1],
                          torch.tensor(-0.25), atol=1e-5)
    # the first column samples the canvas at 0.75 * (its centre) + 0.25 and
    # the last row at 0.75 * (its centre) - 0.25, away from any clamping:
    # the view moved exactly by the shift
    assert frames[0, 5, 0].item() == pytest.approx(
        0.75 * (1 / 64 - 1) + 0.25, abs=1e-6)
    assert frames[1, -1, 5].item() == pytest.approx(
        0.75 * (1 - 1 / 64) - 0.25, abs=1e-6)


def test_a_bfloat16_canvas_is_sampled_in_float32_and_returned_in_bf16():
    camera = CanvasCamera(in_features=1, margin=0.25)
    shifts = torch.full((1, 2, 2), 0.1)
    exact = camera.view(ramp_canvas(), shifts)
    half = camera.view(ramp_canvas().bfloat16(), shifts)
    assert half.dtype == torch.bfloat16
    # only the canvas's and the result's rounding to bf16 (8 bits)
    assert (half.float() - exact).abs().max() < 2 ** -7


def test_steps_are_resampled_to_the_number_of_frames():
    camera = CanvasCamera(in_features=1, margin=0.5)
    with torch.no_grad():
        camera.path.weight.fill_(1.0)
    steps = torch.tensor([-10.0, 10.0]).view(1, 2, 1)  # tanh = -1, then 1
    shifts = camera.shifts(steps, num_frames=5)[0, :, 0]
    assert torch.allclose(shifts, torch.tensor([-0.5, -0.25, 0, 0.25, 0.5]),
                          atol=1e-4)


def test_margin_outside_zero_one_is_refused_by_name():
    for margin in (0, 1, 1.5):
        with pytest.raises(ValueError, match='margin must be in'):
            CanvasCamera(in_features=4, margin=margin)


def test_generator_with_camera_composes_over_what_the_camera_sees():
    torch.manual_seed(0)
    g = VOSGANGenerator(base_channels=4, camera_motion=dict(margin=0.25))
    g.init_weights()
    assert torch.all(g.camera.path.weight == 0)  # DCGAN init leaves it
    with torch.no_grad():
        g.camera.path.weight.normal_()
    out = g(**SlerpTrajectorySampler().sample(2))
    frames, mask = out['background_frames'], out['mask']
    assert frames.shape == (2, 3, 32, 64, 64)
    assert out['camera_shifts'].shape == (2, 32, 2)
    assert out['background'].shape == (2, 3, 64, 64)
    assert torch.allclose(out['video'],
                          mask * out['foreground'] + (1 - mask) * frames)
    # the camera moves: frames differ over time
    assert (frames[:, :, 0] - frames[:, :, -1]).abs().max() > 1e-3
    # and learns from the video's loss
    out['video'].mean().backward()
    assert g.camera.path.weight.grad.abs().sum() > 0


def test_generator_without_camera_has_no_camera_parameters():
    g = VOSGANGenerator(base_channels=4)
    assert g.camera is None
    assert not any('camera' in k for k in g.state_dict())
    out = g(**SlerpTrajectorySampler().sample(1))
    assert set(out) == {'video', 'mask', 'foreground', 'background'}
