"""The one conversion between stored uint8 videos and the networks' [-1, 1]
values."""
import torch

from vosgan_mm.utils import video_from_uint8, video_to_uint8


def test_every_uint8_value_survives_the_round_trip():
    stored = torch.arange(256, dtype=torch.uint8).reshape(1, 1, 4, 8, 8)
    values = video_from_uint8(stored)
    assert values.dtype == torch.float32
    assert values.min() == -1 and values.max() == 1
    assert torch.equal(video_to_uint8(values), stored)


def test_values_outside_the_range_are_clipped_and_rounded():
    video = torch.tensor([-1.5, -1.0, 0.0, 0.999, 1.0, 2.0],
                         requires_grad=True)
    assert video_to_uint8(video).tolist() == [0, 0, 128, 255, 255, 255]
    assert video_to_uint8(video).shape == video.shape
