import os.path as osp
from typing import Union

import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import load_weights_file


def load_gan(config: Union[str, Config],
             checkpoint: str,
             device: str = 'cpu') -> torch.nn.Module:
    """Builds the config's model and loads a checkpoint into it (strictly:
    missing or unexpected keys are an error that lists them), in eval
    mode."""
    cfg = Config.fromfile(config) if isinstance(config, str) else config
    init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
    if not osp.isfile(checkpoint):
        raise FileNotFoundError(f'checkpoint not found: {checkpoint}')
    model = MODELS.build(cfg.model)
    load_weights_file(model, checkpoint)
    return model.to(device).eval()
