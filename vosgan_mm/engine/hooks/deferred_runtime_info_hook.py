from typing import List, Optional, Tuple

import torch
from mmengine.hooks import CheckpointHook, LoggerHook, RuntimeInfoHook

from vosgan_mm.registry import HOOKS


@HOOKS.register_module()
class DeferredRuntimeInfoHook(RuntimeInfoHook):
    """MMEngine's ``RuntimeInfoHook``, except that the loss values a training
    step returns are read off the device only when something reads them.

    ``RuntimeInfoHook`` turns each log variable into a Python number every
    iteration (``.item()``): on a GPU, one host synchronisation per loss
    term per iteration, each waiting for the step's queued work. This hook
    keeps the values as tensors and reads all of them at once (one
    synchronisation) at the iterations where a ``LoggerHook`` logs or a
    ``CheckpointHook`` may save (checkpoints hold the logged history), at
    the end of an epoch, before validation and at the end of training. The
    message hub then holds the same numbers, in the same order, as with
    ``RuntimeInfoHook``, so logs and resumed runs are unchanged.
    """

    def before_train(self, runner) -> None:
        super().before_train(runner)
        self._unread: List[Tuple[str, object]] = []
        self._loggers = [h for h in runner.hooks if isinstance(h, LoggerHook)]
        # epoch-based checkpoints are saved at the end of an epoch, where
        # the values are read anyway
        self._iteration_checkpoints = [
            h for h in runner.hooks
            if isinstance(h, CheckpointHook) and not h.by_epoch
        ]

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch=None,
                         outputs: Optional[dict] = None) -> None:
        for key, value in (outputs or {}).items():
            if isinstance(value, torch.Tensor):
                value = value.detach()  # not the step's graph
            self._unread.append((f'train/{key}', value))
        if self._read_now(runner, batch_idx):
            self.read_log_vars(runner)

    def _read_now(self, runner, batch_idx: int) -> bool:
        """Whether a logger or a checkpoint reads the history after this
        iteration, by the conditions those hooks use."""
        return (any(
            self.every_n_train_iters(runner, h.interval)
            or self.every_n_inner_iters(batch_idx, h.interval)
            for h in self._loggers) or any(
                self.every_n_train_iters(runner, h.interval, h.save_begin)
                for h in self._iteration_checkpoints)
                or self.is_last_train_iter(runner)
                or self.end_of_epoch(runner.train_dataloader, batch_idx))

    def after_train_epoch(self, runner) -> None:
        self.read_log_vars(runner)

    def before_val(self, runner) -> None:
        self.read_log_vars(runner)
        super().before_val(runner)

    def after_train(self, runner) -> None:
        self.read_log_vars(runner)
        super().after_train(runner)

    def read_log_vars(self, runner) -> None:
        """Moves the values kept so far into the message hub, reading the
        single-element tensors of each device in one synchronisation."""
        unread, self._unread = getattr(self, '_unread', []), []
        scalars = [
            i for i, (_, value) in enumerate(unread)
            if isinstance(value, torch.Tensor) and value.numel() == 1
        ]
        values = [value for _, value in unread]
        for device in {unread[i][1].device for i in scalars}:
            on_device = [i for i in scalars if unread[i][1].device == device]
            # float64 holds every float32 and int32 value exactly
            read = torch.stack([
                unread[i][1].reshape(()).to(torch.float64) for i in on_device
            ]).tolist()
            for i, number in zip(on_device, read):
                dtype = unread[i][1].dtype
                values[i] = number if dtype.is_floating_point else int(number)
        for (key, _), value in zip(unread, values):
            runner.message_hub.update_scalar(key, value)
