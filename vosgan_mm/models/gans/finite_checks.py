"""Checks that an update's loss terms and gradients are finite, computed on
the device so that a training step need not wait for it.

A fused optimizer (``torch.optim.Adam(..., fused=True)`` and the like)
reads an ``optimizer.found_inf`` tensor and skips its step on the device
when it holds 1, as it does under AMP's loss scaling; with such an
optimizer the flag is only read on the host once per iteration
(:meth:`VideoGAN.train_step`), not once per update.
"""
from typing import Iterable, List, Tuple

import torch
from mmengine.optim import AmpOptimWrapper


def all_finite(tensors: Iterable[torch.Tensor]) -> torch.Tensor:
    """A 0-d bool tensor on the tensors' device: True when no element of any
    of them is NaN or infinite."""
    return torch.stack([torch.isfinite(t).all() for t in tensors]).all()


def gradient_norms(network: torch.nn.Module) -> Tuple[List[str], torch.Tensor]:
    """Names of the parameters of ``network`` that have a gradient, and the
    (P,) 2-norms of those gradients in one multi-tensor operation: a norm
    is finite exactly when its gradient is (a gradient so large that its
    norm overflows float32 counts as not finite)."""
    named = [(name, param.grad) for name, param in network.named_parameters()
             if param.grad is not None]
    if not named:
        return [], torch.zeros(0)
    names, grads = zip(*named)
    return list(names), torch.stack(torch._foreach_norm(grads))


def nonfinite_names(terms: dict, names: List[str],
                    norms: torch.Tensor) -> List[str]:
    """What was not finite, for the error message: the loss terms first,
    else the parameters' gradients (``gradient of <name>``)."""
    bad = [k for k, v in terms.items() if not torch.isfinite(v).all()]
    if bad:
        return bad
    finite = torch.isfinite(norms).tolist()
    return [f'gradient of {name}' for name, ok in zip(names, finite) if not ok]


def skips_on_device(wrapper) -> bool:
    """Whether ``wrapper``'s optimizer can skip a step on the device: a
    fused optimizer (it honours ``found_inf``) in a wrapper without loss
    scaling (a ``GradScaler`` sets ``found_inf`` itself) that steps on
    every update (no gradient accumulation)."""
    return (getattr(wrapper.optimizer, '_step_supports_amp_scaling', False)
            and not isinstance(wrapper, AmpOptimWrapper)
            and getattr(wrapper, '_accumulative_counts', 1) == 1)
