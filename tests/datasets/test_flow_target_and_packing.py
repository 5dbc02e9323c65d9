import numpy as np
import torch

from vosgan_mm.datasets import ByteBoundedCache, ComputeFlowTarget
from vosgan_mm.datasets import PackVideoGANInputs, render_sprite_clip


def test_flow_of_a_clip_is_computed_once_and_reused(monkeypatch):
    transform = ComputeFlowTarget()
    calls = []
    original = transform.flow.clip_flow
    monkeypatch.setattr(transform.flow, 'clip_flow',
                        lambda frames: calls.append(1) or original(frames))
    clip = render_sprite_clip(seed=0)
    first = transform(dict(imgs=list(clip['imgs']), clip_id='c0'))['flow']
    again = transform(dict(imgs=list(clip['imgs']), clip_id='c0'))['flow']
    assert len(calls) == 1 and again is first
    assert first.shape == (31, 64, 64, 2) and first.dtype == np.float16
    transform(dict(imgs=list(clip['imgs']), clip_id='c0', frame_inds=[1]))
    assert len(calls) == 2  # other frames of the same file: other key


def test_disk_cache_serves_a_new_process_without_recomputing(
        tmp_path, monkeypatch):
    clip = render_sprite_clip(seed=0)
    first = ComputeFlowTarget(cache_dir=str(tmp_path))(dict(
        imgs=list(clip['imgs']), clip_id='c0'))['flow']
    fresh = ComputeFlowTarget(cache_dir=str(tmp_path))  # another worker
    monkeypatch.setattr(fresh.flow, 'clip_flow', None)  # must not be called
    again = fresh(dict(imgs=list(clip['imgs']), clip_id='c0'))['flow']
    assert np.array_equal(first, again)
    assert len(list(tmp_path.glob('*/*.npy'))) == 1


def test_cache_stays_within_its_byte_bound():
    cache = ByteBoundedCache(max_bytes=3000)
    for key in range(10):
        cache.put(key, np.zeros(1000, np.uint8))
    assert cache.num_bytes <= 3000 and len(cache) == 3
    assert cache.get(0) is None and cache.get(9) is not None


def test_packing_gives_channel_first_uint8_video_and_flow():
    frames = np.random.randint(0, 255, (4, 8, 8, 3), np.uint8)
    packed = PackVideoGANInputs()(
        dict(
            imgs=list(frames),
            flow=np.zeros((3, 8, 8, 2), np.float16),
            clip_id='x'))
    video = packed['inputs']['video']
    assert video.shape == (3, 4, 8, 8) and video.dtype == torch.uint8
    assert torch.equal(video[:, 2],
                       torch.from_numpy(frames[2]).permute(2, 0, 1))
    assert packed['inputs']['flow'].shape == (2, 3, 8, 8)
    assert packed['data_samples'].metainfo == dict(clip_id='x')
    assert packed['data_samples'].keys() == []
