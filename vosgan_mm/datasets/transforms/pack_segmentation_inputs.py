from typing import Sequence

import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmengine.structures import BaseDataElement

from vosgan_mm.registry import TRANSFORMS


@TRANSFORMS.register_module()
class PackSegmentationInputs(BaseTransform):
    """Packs a shot for the segmenters.

    Required keys: ``imgs``. Output ``inputs``: ``video`` (3, T, h, w)
    uint8. ``data_samples``: a ``BaseDataElement`` whose meta-information
    is ``meta_keys`` and whose data are ``gt_masks`` (full size, numpy) and
    ``gt_masks_small`` (tensor), where present.

    Args:
        meta_keys (Sequence[str]): Defaults to ('sequence', 'shot_index',
            'frame_ids', 'num_valid', 'ori_shape', 'frame_paths').
    """

    def __init__(self,
                 meta_keys: Sequence[str] = ('sequence', 'shot_index',
                                             'frame_ids', 'num_valid',
                                             'ori_shape', 'frame_paths')):
        self.meta_keys = tuple(meta_keys)

    def transform(self, results: dict) -> dict:
        frames = np.ascontiguousarray(np.stack(results['imgs']))
        sample = BaseDataElement(
            metainfo={k: results[k]
                      for k in self.meta_keys if k in results})
        if 'gt_masks' in results:
            sample.gt_masks = results['gt_masks']
        if 'gt_masks_small' in results:
            sample.gt_masks_small = torch.from_numpy(
                np.ascontiguousarray(results['gt_masks_small']))
        return dict(
            inputs=dict(video=torch.from_numpy(frames).permute(3, 0, 1, 2)),
            data_samples=sample)
