from typing import Optional

import torch
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper
from torch.nn.modules.batchnorm import _BatchNorm

from vosgan_mm.registry import HOOKS


@HOOKS.register_module()
class BatchNormRecalibrationHook(Hook):
    """Re-estimates a model's batch-norm statistics on unlabelled clips
    before it is tested or validated.

    A GAN discriminator's running statistics mix real-only and fake-only
    batches; a segmenter built from it normalises real clips with them.
    This hook resets every batch-norm layer's running mean and variance and
    estimates them again as plain averages over the batches of
    ``dataloader`` (train-mode forward passes without gradients, only the
    videos read: no label), then puts the model back in eval mode. The
    weights are untouched. Point ``dataloader`` at clips of the footage to
    segment that are not scored (for the sprite benchmark: its training
    split's videos).

    Args:
        dataloader (dict): Config of the data loader of the clips, built
            with ``Runner.build_dataloader``.
        num_batches (int, optional): Batches to read; None: all.
    """

    priority = 'LOW'

    def __init__(self, dataloader: dict, num_batches: Optional[int] = None):
        if num_batches is not None and num_batches < 1:
            raise ValueError(
                f'num_batches must be positive, got {num_batches}')
        self.dataloader = dataloader
        self.num_batches = num_batches

    def before_val(self, runner) -> None:
        self.recalibrate(runner)

    def before_test(self, runner) -> None:
        self.recalibrate(runner)

    @torch.no_grad()
    def recalibrate(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        layers = [m for m in model.modules() if isinstance(m, _BatchNorm)]
        if not layers:
            raise ValueError(f'{type(model).__name__} has no batch-norm '
                             'layer to recalibrate')
        loader = runner.build_dataloader(self.dataloader)
        momenta = [layer.momentum for layer in layers]
        for layer in layers:
            layer.reset_running_stats()
            layer.momentum = None  # a cumulative average over the batches
        model.train()
        batches = 0
        try:
            for batch in loader:
                data = model.data_preprocessor(batch, False)
                model(data['inputs'], mode='tensor')
                batches += 1
                if batches == self.num_batches:
                    break
        finally:
            for layer, momentum in zip(layers, momenta):
                layer.momentum = momentum
            model.eval()
        if batches == 0:
            raise ValueError('the recalibration data loader gave no batch')
        print_log(
            f'batch-norm statistics of {len(layers)} layers re-estimated '
            f'on {batches} batches of unlabelled clips',
            logger='current')
