import torch


def host_to_device(tensor: torch.Tensor, device=None) -> torch.Tensor:
    """``tensor`` (drawn on the CPU, so that a seed gives the same noise on
    every device) on ``device``. To a GPU it is copied from pinned memory
    without blocking: a pageable copy would wait for the GPU's queued work,
    a host synchronisation in every training step."""
    device = torch.device('cpu' if device is None else device)
    if device.type != 'cuda':
        return tensor.to(device)
    return tensor.pin_memory().to(device, non_blocking=True)
