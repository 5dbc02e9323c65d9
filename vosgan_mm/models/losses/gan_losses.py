"""The loss terms of VOS-GAN's Eq. 2 (discriminator) and Eq. 3 (generator).

Each function returns the unweighted mean of its term; the model multiplies
by the weight from its config.
"""
import torch
import torch.nn.functional as F


def adversarial_loss(logits: torch.Tensor,
                     target_is_real: bool) -> torch.Tensor:
    """``-log D_adv(x)`` (real) or ``-log(1 - D_adv(x))`` (fake), mean over
    the batch, from the (N,) logits of ``D_adv = sigmoid(logits)``."""
    target = torch.full_like(logits, 1.0 if target_is_real else 0.0)
    return F.binary_cross_entropy_with_logits(logits.float(), target.float())


def segmentation_loss(seg_logits: torch.Tensor,
                      mask_target: torch.Tensor) -> torch.Tensor:
    """Pixelwise NLL of ``D_seg = sigmoid(seg_logits)`` given the generator's
    soft mask ``m(z)`` in [0, 1] (binary cross entropy), mean over pixels.

    Both are (N, 1, T, H, W); the target carries no gradient.
    """
    return F.binary_cross_entropy_with_logits(seg_logits.float(),
                                              mask_target.detach().float())


def flow_loss(flow_pred: torch.Tensor,
              flow_target: torch.Tensor) -> torch.Tensor:
    """Mean squared error between ``D_opt`` and ``OF()``, over pixels.

    Args:
        flow_pred (Tensor): (N, 2, T, H, W) predicted, normalised flow.
        flow_target (Tensor): (N, 2, T-1, H, W) target flow of frames
            ``0..T-2`` (the last frame has no successor and is left out).
    """
    frames = flow_target.shape[2]
    if flow_pred.shape[2] != frames + 1 or \
            flow_pred.shape[3:] != flow_target.shape[3:]:
        raise ValueError(
            f'flow target {tuple(flow_target.shape)} does not fit prediction '
            f'{tuple(flow_pred.shape)}: expected T-1 target frames')
    return F.mse_loss(flow_pred[:, :, :frames].float(),
                      flow_target.detach().float())
