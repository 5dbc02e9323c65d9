import os.path as osp

import torch.nn as nn
from mmengine.model.weight_init import PretrainedInit
from mmengine.runner.checkpoint import _load_checkpoint

from vosgan_mm.registry import WEIGHT_INITIALIZERS


@WEIGHT_INITIALIZERS.register_module(name='Pretrained')
class StrictPretrainedInit(PretrainedInit):
    """``init_cfg=dict(type='Pretrained', checkpoint=..., prefix=...)`` that
    never leaves weights silently random.

    Under the ``vosgan_mm`` scope this replaces MMEngine's ``Pretrained``
    (which loads non-strictly and only logs missing keys). The checkpoint's
    weights under ``prefix`` (e.g. ``'discriminator.'`` of a GAN checkpoint)
    must cover every weight of the module with the same shapes; weights of
    the checkpoint the module does not have (e.g. the discriminator's
    real/fake stream) are ignored. Otherwise the error names the file,
    the prefix, the missing keys and the prefixes the checkpoint does have.
    Loading is weights-only.
    """

    def __call__(self, module: nn.Module) -> None:
        if not osp.isfile(self.checkpoint):
            raise FileNotFoundError(
                f'pretrained checkpoint not found: {self.checkpoint}')
        ckpt = _load_checkpoint(
            self.checkpoint, map_location=self.map_location)
        state = ckpt.get('state_dict', ckpt)
        prefix = self.prefix or ''
        if prefix and not prefix.endswith('.'):
            prefix += '.'
        found = {
            k[len(prefix):]: v
            for k, v in state.items() if k.startswith(prefix)
        }
        own = module.state_dict()
        missing = [k for k in own if k not in found]
        wrong = [
            f'{k} {tuple(found[k].shape)} vs {tuple(v.shape)}'
            for k, v in own.items() if k in found and found[k].shape != v.shape
        ]
        if missing or wrong:
            top = sorted({k.split('.')[0] + '.' for k in state})
            raise KeyError(
                f'{self.checkpoint} does not hold the weights of '
                f'{type(module).__name__} under prefix "{prefix}": '
                f'{len(missing)} missing (e.g. {missing[:3]}), '
                f'{len(wrong)} of another shape (e.g. {wrong[:3]}); '
                f'the checkpoint\'s top-level prefixes are {top}')
        module.load_state_dict({k: found[k] for k in own}, strict=True)

    def __repr__(self):
        return f'StrictPretrained(checkpoint={self.checkpoint}, ' \
            f'prefix={self.prefix})'
