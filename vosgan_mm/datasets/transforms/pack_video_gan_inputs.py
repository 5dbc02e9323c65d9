from typing import Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmengine.structures import BaseDataElement

from vosgan_mm.registry import TRANSFORMS


@TRANSFORMS.register_module()
class PackVideoGANInputs(BaseTransform):
    """Packs a clip for the GAN models.

    Required keys: ``imgs`` (T frames (H, W, 3) uint8 RGB). Optional:
    ``flow`` (T-1, H, W, 2). Output: ``inputs`` with ``video`` (3, T, H, W)
    uint8 and, if present, ``flow`` (2, T-1, H, W); ``data_samples``, a
    ``BaseDataElement`` (as the segmentation data's) holding the
    ``meta_keys`` found in the results: arrays as tensor data fields
    (``gt_masks``), other values as meta-information (``clip_id``,
    ``sample_idx``).

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
        sample = BaseDataElement()
        for key in self.meta_keys:
            if key in results:
                value = results[key]
                if isinstance(value, np.ndarray):
                    sample.set_data(
                        {key: torch.from_numpy(np.ascontiguousarray(value))})
                else:
                    sample.set_metainfo({key: value})
        return dict(inputs=inputs, data_samples=sample)
