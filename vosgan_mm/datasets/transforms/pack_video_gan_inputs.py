from typing import Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from vosgan_mm.registry import TRANSFORMS


@TRANSFORMS.register_module()
class PackVideoGANInputs(BaseTransform):
    """Packs a clip for the GAN models.

    Required keys: ``imgs`` (T frames (H, W, 3) uint8 RGB). Optional:
    ``flow`` (T-1, H, W, 2). Output: ``inputs`` with ``video`` (3, T, H, W)
    uint8 and, if present, ``flow`` (2, T-1, H, W); ``data_samples``, a
    dict of ``meta_keys`` found in the results (arrays become tensors).

    Args:
        meta_keys (Sequence[str]): Keys copied to ``data_samples``.
            Defaults to ('clip_id', 'sample_idx').
    """

    def __init__(self, meta_keys: Sequence[str] = ('clip_id', 'sample_idx')):
        self.meta_keys = tuple(meta_keys)

    def transform(self, results: dict) -> dict:
        frames = np.ascontiguousarray(np.asarray(results['imgs']))
        if frames.ndim != 4 or frames.shape[-1] != 3:
            raise ValueError('expected T frames of (H, W, 3), got an array '
                             f'of shape {frames.shape}')
        inputs = dict(video=torch.from_numpy(frames).permute(3, 0, 1, 2))
        if 'flow' in results:
            flow = torch.from_numpy(np.ascontiguousarray(results['flow']))
            inputs['flow'] = flow.permute(3, 0, 1, 2)
        data_samples = {}
        for key in self.meta_keys:
            if key in results:
                value = results[key]
                if isinstance(value, np.ndarray):
                    value = torch.from_numpy(np.ascontiguousarray(value))
                data_samples[key] = value
        return dict(inputs=inputs, data_samples=data_samples)
