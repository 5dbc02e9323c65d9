from typing import Optional

import torch.nn as nn
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapperDict

from vosgan_mm.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class MultiOptimWrapperConstructor:
    """Builds one optimizer wrapper per named sub-module of the model.

    ``optim_wrapper=dict(constructor='MultiOptimWrapperConstructor',
    generator=dict(optimizer=...), discriminator=dict(optimizer=...))``
    gives an ``OptimWrapperDict`` with keys ``generator`` and
    ``discriminator``, each built by MMEngine's default constructor on
    ``model.<key>`` (its own ``type``, ``paramwise_cfg``, clipping...).

    Args:
        optim_wrapper_cfg (dict): Sub-module name -> optim wrapper config.
        paramwise_cfg (dict, optional): Not used at this level; give it
            inside each sub-module's config.
    """

    def __init__(self,
                 optim_wrapper_cfg: dict,
                 paramwise_cfg: Optional[dict] = None):
        if paramwise_cfg is not None:
            raise ValueError('give paramwise_cfg inside each sub-module\'s '
                             'optim_wrapper config, not at the top level')
        if not optim_wrapper_cfg:
            raise ValueError('optim_wrapper names no sub-module: expected e.g.'
                             ' generator=dict(...), discriminator=dict(...)')
        self.constructors = {}
        for name, cfg in optim_wrapper_cfg.items():
            if not isinstance(cfg, dict) or 'optimizer' not in cfg:
                raise ValueError(
                    f'optim_wrapper.{name} must be a dict with an "optimizer" '
                    f'key, got {cfg!r}')
            cfg = dict(cfg)
            self.constructors[name] = DefaultOptimWrapperConstructor(
                cfg, cfg.pop('paramwise_cfg', None))

    def __call__(self, model: nn.Module) -> OptimWrapperDict:
        if hasattr(model, 'module'):  # a distributed wrapper
            model = model.module
        wrappers = {}
        for name, constructor in self.constructors.items():
            module = getattr(model, name, None)
            if not isinstance(module, nn.Module):
                children = ', '.join(n for n, _ in model.named_children())
                raise ValueError(
                    f'optim_wrapper names "{name}" but the model has no '
                    f'sub-module of that name (it has: {children})')
            wrappers[name] = constructor(module)
        return OptimWrapperDict(**wrappers)
