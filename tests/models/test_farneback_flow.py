from concurrent.futures import Future

import cv2
import numpy as np
import pytest
import torch

from vosgan_mm.models import FarnebackFlow, FlowTarget, TorchFarnebackFlow
from vosgan_mm.models.flow.flow_target import GatheredFuture, completed_future


def shifted_clip(dx, dy, num_frames=4, size=64, seed=0):
    """A smooth random texture moving (dx, dy) pixels per frame, (T, H, W, 3)
    uint8, and the matching (1, 3, T, H, W) tensor in [-1, 1]."""
    rng = np.random.default_rng(seed)
    big = cv2.GaussianBlur(
        rng.uniform(0, 255, (size * 2, size * 2)), (0, 0), 2.0)
    big = cv2.normalize(big, None, 0, 255, cv2.NORM_MINMAX)
    frames = []
    for t in range(num_frames):
        x0, y0 = size // 2 - t * dx, size // 2 - t * dy
        grey = big[y0:y0 + size, x0:x0 + size].astype(np.uint8)
        frames.append(np.repeat(grey[..., None], 3, axis=2))
    frames = np.stack(frames)
    video = torch.from_numpy(frames).permute(3, 0, 1, 2)[None].float()
    return frames, video / 127.5 - 1


def test_flow_of_a_known_shift_recovers_the_shift():
    frames, _ = shifted_clip(2, 1)
    flow = FarnebackFlow().clip_flow(frames)  # (T-1, H, W, 2)
    interior = flow[:, 12:-12, 12:-12]
    assert flow.shape == (3, 64, 64, 2)
    assert interior[..., 0].mean() == pytest.approx(2, abs=0.15)
    assert interior[..., 1].mean() == pytest.approx(1, abs=0.15)


def test_batch_targets_are_normalised_flow_of_frames_in_minus_one_to_one():
    of = FarnebackFlow(max_displacement=8, num_threads=2)
    _, video = shifted_clip(2, -1)
    target = of(torch.cat([video, video]))  # (N, 2, T-1, H, W)
    assert target.shape == (2, 2, 3, 64, 64)
    assert target.min() >= 0 and target.max() <= 1
    inner = of.denormalize(target[:, :, :, 12:-12, 12:-12])
    assert inner[:, 0].mean().item() == pytest.approx(2, abs=0.15)
    assert inner[:, 1].mean().item() == pytest.approx(-1, abs=0.15)
    assert torch.equal(target[0], target[1])


def test_normalisation_maps_max_displacement_to_the_unit_interval():
    of = FarnebackFlow(max_displacement=4)
    flow = np.array([-4.0, 0.0, 2.0, 4.0, 9.0])
    assert np.allclose(of.normalize(flow), [0, 0.5, 0.75, 1, 1])
    assert np.allclose(of.denormalize(of.normalize(flow[:4])), flow[:4])


def test_static_video_has_no_flow():
    of = FarnebackFlow()
    video = torch.rand(1, 3, 1, 64, 64).expand(1, 3, 3, 64, 64) * 2 - 1
    # below 0.1 pixel everywhere
    assert (of.denormalize(of(video)).abs() < 0.1).all()


def test_rejects_non_video_input():
    with pytest.raises(ValueError, match=r'\(N, 3, T, H, W\)'):
        FarnebackFlow()(torch.zeros(3, 4, 64, 64))


def test_submitted_targets_equal_the_direct_ones():
    of = FarnebackFlow(num_threads=2)
    _, video = shifted_clip(1, 1)
    future = of.submit(torch.cat([video, -video]))
    assert isinstance(future, Future)
    assert torch.equal(future.result(), of(torch.cat([video, -video])))


def test_gathered_future_combines_its_parts_once_and_keeps_errors():
    calls = []
    parts = [completed_future(1), completed_future(2)]
    future = GatheredFuture(parts, lambda values: calls.append(values) or 3)
    assert not future.done()
    assert future.result() == 3 and future.result() == 3
    assert calls == [[1, 2]] and future.done()
    failing = GatheredFuture(parts, lambda values: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        failing.result()
    assert isinstance(failing.exception(), ZeroDivisionError)


def test_both_estimators_share_the_flow_target_base():
    assert issubclass(FarnebackFlow, FlowTarget)
    assert issubclass(TorchFarnebackFlow, FlowTarget)
    assert not issubclass(TorchFarnebackFlow, FarnebackFlow)
    with pytest.raises(ValueError, match='max_displacement must be positive'):
        TorchFarnebackFlow(max_displacement=0)


def test_rejects_a_video_of_the_wrong_shape_naming_it():
    with pytest.raises(
            ValueError,
            match=r'FarnebackFlow expects a \(N, 3, T, H, W\) video, got '
            r'\(2, 1, 3, 8, 8\)'):
        FarnebackFlow()(torch.zeros(2, 1, 3, 8, 8))


@pytest.mark.parametrize('local_world_size, threads', [(None, 16), ('1', 16),
                                                       ('4', 4), ('3', 5),
                                                       ('32', 1)])
def test_threads_are_the_process_cpus_shared_among_the_machines_ranks(
        monkeypatch, local_world_size, threads):
    # 16 CPUs in this process's affinity, of 64 on the machine
    monkeypatch.setattr(
        'os.sched_getaffinity', lambda pid: set(range(16)), raising=False)
    monkeypatch.setattr('os.cpu_count', lambda: 64)
    if local_world_size is None:
        monkeypatch.delenv('LOCAL_WORLD_SIZE', raising=False)
    else:  # as torchrun sets it
        monkeypatch.setenv('LOCAL_WORLD_SIZE', local_world_size)
    assert FarnebackFlow().num_threads == threads
    assert FarnebackFlow(num_threads=3).num_threads == 3


def test_threads_follow_the_cpu_count_without_an_affinity(monkeypatch):
    monkeypatch.delattr('os.sched_getaffinity', raising=False)
    monkeypatch.setattr('os.cpu_count', lambda: 8)
    monkeypatch.setenv('LOCAL_WORLD_SIZE', '2')
    assert FarnebackFlow().num_threads == 4
