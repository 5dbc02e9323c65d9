import pytest
import torch

from vosgan_mm.models import SlerpTrajectorySampler
from vosgan_mm.registry import MODELS


def test_sample_gives_scene_code_and_trajectory_of_t_points():
    sampler = MODELS.build(
        dict(type='SlerpTrajectorySampler', latent_dim=100, num_frames=32))
    z = sampler.sample(3, generator=torch.Generator().manual_seed(0))
    assert z['z_scene'].shape == (3, 100)
    assert z['z_motion'].shape == (3, 32, 100)


def test_slerp_keeps_endpoints_exactly():
    start, end = torch.randn(4, 100), torch.randn(4, 100)
    path = SlerpTrajectorySampler.slerp(start, end, 32)
    assert torch.equal(path[:, 0], start)
    assert torch.equal(path[:, -1], end)


def test_slerp_between_unit_vectors_stays_on_unit_sphere_at_even_angles():
    start = torch.nn.functional.normalize(torch.randn(5, 100).double(), dim=1)
    end = torch.nn.functional.normalize(torch.randn(5, 100).double(), dim=1)
    path = SlerpTrajectorySampler.slerp(start, end, 11)
    assert torch.allclose(path.norm(dim=2), torch.ones(5, 11).double())
    # equal angular steps: the angle from start grows linearly
    cos = (path * start[:, None]).sum(2).clamp(-1, 1)
    angles = torch.acos(cos)
    steps = angles[:, 1:] - angles[:, :-1]
    assert torch.allclose(steps, steps[:, :1].expand_as(steps), atol=1e-9)


def test_slerp_of_orthogonal_points_matches_closed_form():
    start = torch.tensor([[1.0, 0.0]])
    end = torch.tensor([[0.0, 1.0]])
    middle = SlerpTrajectorySampler.slerp(start, end, 3)[0, 1]
    half = 2**-0.5
    assert torch.allclose(middle, torch.tensor([half, half]), atol=1e-6)


def test_slerp_of_parallel_points_falls_back_to_linear():
    start = torch.tensor([[1.0, 2.0], [1.0, 0.0]])
    end = torch.tensor([[3.0, 6.0], [0.0, 1.0]])  # parallel, orthogonal
    path = SlerpTrajectorySampler.slerp(start, end, 3)
    assert torch.isfinite(path).all()
    assert torch.allclose(path[0, 1], torch.tensor([2.0, 4.0]))  # lerp
    assert torch.allclose(path[1, 1].norm(), torch.tensor(1.0))  # slerp


def test_same_generator_seed_gives_same_latents():
    sampler = SlerpTrajectorySampler(latent_dim=8, num_frames=4)
    a = sampler.sample(2, generator=torch.Generator().manual_seed(7))
    b = sampler.sample(2, generator=torch.Generator().manual_seed(7))
    assert torch.equal(a['z_motion'], b['z_motion'])
    assert torch.equal(a['z_scene'], b['z_scene'])


def test_slerp_rejects_mismatched_points():
    with pytest.raises(ValueError, match='same shape'):
        SlerpTrajectorySampler.slerp(torch.randn(2, 3), torch.randn(2, 4), 5)


def test_trajectory_needs_two_points():
    with pytest.raises(ValueError, match='at least 2'):
        SlerpTrajectorySampler(num_frames=1)
