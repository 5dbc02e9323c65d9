"""The loss terms of VOS-GAN's Eq. 2 (discriminator) and Eq. 3 (generator).

Each function returns the unweighted mean of its term; the model multiplies
by the weight from its config.
"""
import torch
import torch.nn.functional as F

# keeps the variance-normalised flow loss finite on a batch without motion
FLOW_VARIANCE_EPS = 1e-4


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
              flow_target: torch.Tensor,
              normalization: str = 'none') -> torch.Tensor:
    """Mean squared error between ``D_opt`` and ``OF()``, over pixels.

    Args:
        flow_pred (Tensor): (N, 2, T, H, W) predicted, normalised flow.
        flow_target (Tensor): (N, 2, T-1, H, W) target flow of frames
            ``0..T-2`` (the last frame has no successor and is left out).
        normalization (str): ``'none'`` (the paper's plain MSE) or
            ``'variance'``: the MSE divided by the variance of the batch's
            target (plus 1e-4), i.e. the share of the flow's variance left
            unexplained: 1 for predicting the mean flow, whatever the flow
            scale, so a data set whose objects move a fraction of a pixel
            still gives a term of order 1.
    """
    if normalization not in ('none', 'variance'):
        raise ValueError('flow loss normalization must be "none" or '
                         f'"variance", got "{normalization}"')
    frames = flow_target.shape[2]
    if flow_pred.shape[2] != frames + 1 or \
            flow_pred.shape[3:] != flow_target.shape[3:]:
        raise ValueError(
            f'flow target {tuple(flow_target.shape)} does not fit prediction '
            f'{tuple(flow_pred.shape)}: expected T-1 target frames')
    target = flow_target.detach().float()
    loss = F.mse_loss(flow_pred[:, :, :frames].float(), target)
    if normalization == 'variance':
        loss = loss / (target.var() + FLOW_VARIANCE_EPS)
    return loss


def mask_sparsity_loss(mask: torch.Tensor) -> torch.Tensor:
    """VGAN's sparsity prior on the generator's mask: ``|m|_1``, as a mean
    over pixels. (N, 1, T, H, W) in [0, 1]."""
    return mask.float().abs().mean()


def mask_binarization_loss(mask: torch.Tensor) -> torch.Tensor:
    """A prior that pushes each mask value towards 0 or 1:
    ``mean(min(m, 1 - m))``, zero for a binary mask and 0.5 for one of
    0.5 everywhere. (N, 1, T, H, W) in [0, 1]."""
    mask = mask.float()
    return torch.minimum(mask, 1 - mask).mean()
