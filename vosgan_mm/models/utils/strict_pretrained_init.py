import os.path as osp

import torch.nn as nn
from mmengine.model import BaseModule
from mmengine.model.weight_init import PretrainedInit

from vosgan_mm.registry import WEIGHT_INITIALIZERS
from vosgan_mm.utils.checkpoint_loading import (
    CheckpointError, load_from_local_file, mismatch_message,
    state_dict_mismatch, weights_of)


def loads_checkpoint(init_cfg) -> bool:
    """Whether an ``init_cfg`` entry loads weights from a checkpoint
    (``StrictPretrained`` or MMEngine's ``Pretrained``, in any scope)."""
    kind = init_cfg.get('type') if isinstance(init_cfg, dict) else None
    return isinstance(
        kind,
        str) and kind.split('.')[-1] in ('Pretrained', 'StrictPretrained')


@WEIGHT_INITIALIZERS.register_module(name='StrictPretrained')
class StrictPretrainedInit(PretrainedInit):
    """``init_cfg=dict(type='StrictPretrained', checkpoint=..., prefix=...)``:
    MMEngine's ``Pretrained`` (which loads non-strictly and only logs
    missing keys) made strict, so that weights never stay silently random.
    The checkpoint's weights under ``prefix`` (e.g. ``'discriminator.'`` of
    a GAN checkpoint) must cover every weight of the module with the same
    shapes; weights of the checkpoint the module does not have (e.g. the
    discriminator's real/fake stream) are ignored. Otherwise a
    :class:`~vosgan_mm.utils.CheckpointError` names the file, the prefix,
    the missing and mis-shaped keys and the prefixes the checkpoint does
    have. Loading is weights-only; a file that is not a checkpoint is an
    error naming it. The loaded weights are final: the module's sub-modules
    do not initialise themselves afterwards (in a list of ``init_cfg``,
    put it last).
    """

    def __call__(self, module: nn.Module) -> None:
        if not osp.isfile(self.checkpoint):
            raise FileNotFoundError(
                f'pretrained checkpoint not found: {self.checkpoint}')
        ckpt = load_from_local_file(
            self.checkpoint, map_location=self.map_location)
        state = weights_of(ckpt, self.checkpoint)
        prefix = self.prefix or ''
        if prefix and not prefix.endswith('.'):
            prefix += '.'
        found = {
            k[len(prefix):]: v
            for k, v in state.items() if k.startswith(prefix)
        }
        own = module.state_dict()
        missing, _, wrong_shape = state_dict_mismatch(own, found)
        if missing or wrong_shape:
            top = sorted({k.split('.')[0] + '.' for k in state})
            raise CheckpointError(
                mismatch_message(
                    f'{self.checkpoint} does not hold the weights of '
                    f'{type(module).__name__} under prefix "{prefix}"',
                    missing, [], wrong_shape) +
                f'\n  the checkpoint\'s top-level prefixes are {top}')
        module.load_state_dict({k: found[k]
                                for k in own if k in found},
                               strict=True)
        # MMEngine applies its own 'Pretrained' after the sub-modules'
        # init_weights; this one runs before them, so they are marked as
        # initialised and keep the loaded weights
        for sub_module in module.modules():
            if isinstance(sub_module, BaseModule):
                sub_module._is_init = True

    def __repr__(self):
        return f'StrictPretrained(checkpoint={self.checkpoint}, ' \
            f'prefix={self.prefix})'
