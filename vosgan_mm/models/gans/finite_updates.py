"""Updates applied only when their loss terms and gradients are finite,
checked on the device so that a training step need not wait for it.

A fused optimizer (``torch.optim.Adam(..., fused=True)`` and the like)
reads an ``optimizer.found_inf`` tensor and skips its step on the device
when it holds 1, as it does under AMP's loss scaling; with such an
optimizer the checks are read on the host once per iteration
(:meth:`FiniteUpdates.end`), not once per update.
"""
import logging
from typing import Iterable, List, Tuple

import torch
from mmengine.dist import all_reduce, is_distributed
from mmengine.logging import print_log
from mmengine.optim import AmpOptimWrapper, OptimWrapper


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


def skips_on_device(wrapper: OptimWrapper) -> bool:
    """Whether ``wrapper``'s optimizer can skip a step on the device: a
    fused optimizer (it honours ``found_inf``) in a wrapper without loss
    scaling (a ``GradScaler`` sets ``found_inf`` itself) that steps on
    every update (no gradient accumulation)."""
    return (getattr(wrapper.optimizer, '_step_supports_amp_scaling', False)
            and not isinstance(wrapper, AmpOptimWrapper)
            and getattr(wrapper, '_accumulative_counts', 1) == 1)


class FiniteUpdates:
    """Applies an optimizer wrapper's update (in place of
    ``wrapper.update_params(loss)``) unless a loss term or a gradient of the
    updated network is NaN or infinite.

    A model owns one and, in each training iteration, calls :meth:`begin`,
    then :meth:`update` for each of its updates, then :meth:`end`. Under
    AMP's loss scaling an infinite gradient is the scaler's business (it
    skips that step and lowers the scale), so only the loss terms are
    checked there. Under distributed training every rank skips or updates
    together.

    With a fused optimizer (:func:`skips_on_device`) the check stays on the
    device: the optimizer skips a bad step itself (``found_inf``) and
    :meth:`end` reads the flags of all the iteration's updates in one host
    synchronisation. Otherwise the flag is read before each update.

    Args:
        on_nonfinite (str): What a skipped update does: ``'raise'``
            (default) stops the run with an error naming the term (or the
            parameter) and the iteration, before the iteration ends, so the
            last checkpoint stays the last good one; ``'skip'`` logs it and
            counts it in ``skips``.
    """

    def __init__(self, on_nonfinite: str = 'raise'):
        if on_nonfinite not in ('raise', 'skip'):
            raise ValueError('on_nonfinite must be "raise" or "skip", got '
                             f'"{on_nonfinite}"')
        self.on_nonfinite = on_nonfinite
        self.skips = 0
        self.iteration = 0
        # per update checked on the device and not yet read: (flag, loss
        # terms, parameter names, gradient norms)
        self._unread = []

    def begin(self, iteration: int) -> None:
        """Starts training iteration ``iteration`` (1-based, for the
        messages), forgetting the checks of an iteration that failed."""
        self.iteration = iteration
        self._unread = []

    def update(self, wrapper: OptimWrapper, network: torch.nn.Module,
               loss: torch.Tensor, terms: dict) -> None:
        """Backward pass of ``loss`` (the sum of the loss ``terms``), then
        ``wrapper``'s step on ``network``'s parameters if all is finite."""
        ok = all_finite(terms.values())
        wrapper.backward(wrapper.scale_loss(loss))
        names, norms = [], None
        if not isinstance(wrapper, AmpOptimWrapper):
            names, norms = gradient_norms(network)
            ok = ok & torch.isfinite(norms).all()
        bad = (~ok).float()
        if is_distributed():  # every rank skips or updates together
            all_reduce(bad, op='max')
        check = (bad, {k: v.detach() for k, v in terms.items()}, names, norms)
        if skips_on_device(wrapper):
            wrapper.optimizer.found_inf = bad
            try:
                wrapper.step()
            finally:
                del wrapper.optimizer.found_inf
            wrapper.zero_grad()
            self._unread.append(check)
        elif bad.item() == 0:
            if wrapper.should_update():
                wrapper.step()
                wrapper.zero_grad()
        else:
            wrapper.zero_grad()
            self._report(*check[1:])

    def end(self) -> None:
        """Reads the flags of the updates checked on the device in one host
        synchronisation and reports the ones that were skipped."""
        checks, self._unread = self._unread, []
        if not checks:
            return
        flags = torch.stack([c[0] for c in checks])
        if flags.any().item():
            for check, was_bad in zip(checks, flags.tolist()):
                if was_bad:
                    self._report(*check[1:])

    def _report(self, terms: dict, names: list, norms) -> None:
        """Raises or counts a skipped update, naming what was not finite."""
        bad = nonfinite_names(terms, names, norms)[:1] or [
            'a loss term or gradient on another rank'
        ]
        where = f'{", ".join(bad)} not finite at iteration {self.iteration}'
        if self.on_nonfinite == 'raise':
            raise FloatingPointError(
                f'{where}; the run stops without applying that update (the '
                'last checkpoint is the last good one). Resume from it with '
                'a lower learning rate, or set on_nonfinite="skip"')
        self.skips += 1
        print_log(
            f'{where}: update skipped ({self.skips} so far)',
            logger='current',
            level=logging.WARNING)
