import numpy as np
import pytest
import torch

from vosgan_mm.evaluation.video_statistics import (
    data_set_flow_statistics, flow_magnitude_statistics, mask_statistics,
    recommended_max_displacement, video_statistics)
from vosgan_mm.registry import DATASETS


def textured_image(size=64, seed=0):
    rng = np.random.default_rng(seed)
    import cv2
    noise = rng.standard_normal((size, size)).astype(np.float32)
    return cv2.GaussianBlur(noise, (0, 0), 2.0)


def square_video(shift_per_frame: int, frames=8, size=64) -> torch.Tensor:
    """(3, T, H, W) in [-1, 1]: a bright textured square moving right by
    ``shift_per_frame`` pixels a frame over a static dark texture."""
    background = 0.2 * textured_image(size, 1)
    patch = 0.5 + 0.3 * textured_image(size, 2)[:16, :16]
    video = np.repeat(background[None], frames, 0)
    for t in range(frames):
        x = 10 + t * shift_per_frame
        video[t, 20:36, x:x + 16] = patch
    video = torch.from_numpy(np.clip(video, -1, 1)).float()
    return video[None].repeat(3, 1, 1, 1)


def test_video_statistics_separates_still_moving_and_identical_videos():
    still = torch.stack([square_video(0), square_video(0)])
    stats = video_statistics(still)
    assert stats['diversity'] == pytest.approx(0, abs=1e-6)
    assert stats['frame_change'] == pytest.approx(0, abs=1e-6)
    assert stats['moving_share'] == stats['moving_pixel_share'] == 0
    moving = torch.stack([square_video(0), square_video(2)])
    stats = video_statistics(moving)
    assert stats['moving_share'] == 0.5
    assert stats['frame_change'] > 0
    assert stats['diversity'] > 0
    rng = np.random.default_rng(0)
    flicker = torch.from_numpy(rng.uniform(-1, 1, (2, 3, 4, 64, 64))).float()
    stats = video_statistics(flicker)
    assert stats['frame_change'] > 0.5
    assert stats['moving_share'] == 0  # the whole frame changes


def test_diversity_is_the_rms_distance_between_videos():
    video = torch.stack([-torch.ones(3, 4, 8, 8), torch.ones(3, 4, 8, 8)])
    assert video_statistics(video)['diversity'] == pytest.approx(2.0)


def test_video_statistics_needs_two_videos_of_three_channels():
    with pytest.raises(ValueError, match='at least 2 videos'):
        video_statistics(torch.zeros(1, 3, 4, 8, 8))
    with pytest.raises(ValueError, match=r'video must be \(N, 3, T, H, W\)'):
        video_statistics(torch.zeros(2, 1, 4, 8, 8))


def test_mask_statistics_on_hand_built_masks():
    mask = torch.zeros(2, 1, 4, 8, 8)
    mask[0, :, :, :4] = 1.0  # top half foreground in video 0
    mask[1] = 0.5  # undecided everywhere in video 1
    stats = mask_statistics(mask)
    assert stats['mask_mean'] == pytest.approx((0.5 + 0.5) / 2)
    assert stats['mask_above_0.9'] == pytest.approx(0.25)
    assert stats['mask_below_0.1'] == pytest.approx(0.25)
    assert stats['mask_temporal_change'] == 0
    # per pixel: std of (1, 0.5) or (0, 0.5) over the batch
    assert stats['mask_batch_std'] == pytest.approx(
        torch.tensor([1.0, 0.5]).std().item())
    mask[0, :, 1] = 0  # the mask of video 0 vanishes in frame 1
    assert mask_statistics(mask)['mask_temporal_change'] > 0


def test_flow_percentiles_and_recommended_scale_of_a_known_flow():
    flow = np.zeros((3, 10, 10, 2), np.float32)
    flow[..., 0] = 3.0  # 3 px to the right everywhere
    stats = flow_magnitude_statistics([flow])
    assert stats['magnitude_p50'] == pytest.approx(3.0)
    assert stats['component_p99.9'] == pytest.approx(3.0)
    assert stats['moving_pixel_share'] == 1.0
    assert recommended_max_displacement(stats) == 3.0
    assert recommended_max_displacement({'component_p99.9': 1.6}) == 2.0
    assert recommended_max_displacement({'component_p99.9': 0.01}) == 0.5
    with pytest.raises(ValueError, match=r'\(T-1, H, W, 2\)'):
        flow_magnitude_statistics([np.zeros((3, 10, 10))])


@DATASETS.register_module(force=True)
class _MovingSquareClips:
    """Clips of a square moving ``shift`` pixels a frame, packed as the GAN
    pipeline packs them."""

    def __init__(self, shift=2, num_clips=3):
        self.shift = shift
        self.num_clips = num_clips

    def __len__(self):
        return self.num_clips

    def __getitem__(self, index):
        video = square_video(self.shift, frames=6)
        video_u8 = ((video + 1) * 127.5).round().to(torch.uint8)
        return dict(inputs=dict(video=video_u8))


def test_data_set_flow_statistics_measure_clips_of_known_motion():
    stats = data_set_flow_statistics(
        dict(type='_MovingSquareClips', shift=2), num_clips=2)
    assert stats['num_clips'] == 2
    assert stats['frame_shape'] == [64, 64]
    # the square covers 16x16 of 64x64 pixels (6 %); Farneback's window
    # spreads its motion beyond the edges; the still background is half
    assert 0.06 < stats['moving_pixel_share'] < 0.4
    assert stats['magnitude_p50'] < 0.1
    assert stats['magnitude_p99'] == pytest.approx(2.0, abs=0.15)
    assert recommended_max_displacement(stats) in (2.0, 2.5)
