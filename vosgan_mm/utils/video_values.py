"""The one conversion between stored video values (uint8, 0-255) and the
networks' values (float, -1 to 1)."""
import torch


def video_to_uint8(video: torch.Tensor) -> torch.Tensor:
    """Values in [-1, 1] -> uint8 in [0, 255] (rounded, clipped), of the
    same shape on the same device, detached."""
    scaled = (video.detach().float() + 1) * 127.5
    return scaled.round().clamp(0, 255).to(torch.uint8)


def video_from_uint8(video: torch.Tensor) -> torch.Tensor:
    """uint8 in [0, 255] -> float32 in [-1, 1], of the same shape on the
    same device."""
    return video.float() / 127.5 - 1
