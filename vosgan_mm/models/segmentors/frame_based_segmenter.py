from typing import List, Optional

import numpy as np
import torch
from mmengine.model import BaseModel
from mmengine.structures import BaseDataElement

from vosgan_mm.utils.video_values import video_to_uint8


class FrameBasedSegmenter(BaseModel):
    """Base of the segmenters that learn nothing and work on a clip's
    frames with NumPy and OpenCV (background subtraction and its
    camera-motion-compensated form).

    A subclass implements :meth:`segment_clip`. Each clip of a batch is
    segmented over its real frames only (the first ``num_valid``; a padded
    shot repeats its last frame, and the padding gets the last real frame's
    mask). ``predict`` sets ``pred_seg`` (T, H, W) in {0, 1}; ``tensor``
    returns (N, 1, T, H, W).

    Args:
        data_preprocessor (dict, optional): Defaults to
            ``VideoGANDataPreprocessor`` (uint8 video -> [-1, 1]).
    """

    def __init__(self,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)

    def segment_clip(self, frames: np.ndarray,
                     sample: Optional[BaseDataElement]) -> np.ndarray:
        """(T, H, W, 3) uint8 RGB frames of one clip -> (T, H, W) bool
        foreground. ``sample`` is the clip's data sample, if any."""
        raise NotImplementedError

    def forward(self,
                inputs: dict,
                data_samples: Optional[List[BaseDataElement]] = None,
                mode: str = 'tensor'):
        if mode == 'loss':
            raise ValueError(
                f'{type(self).__name__} learns nothing: it has no loss')
        if mode not in ('tensor', 'predict'):
            raise ValueError(f'unknown mode "{mode}"; expected predict or '
                             'tensor')
        # (N, T, H, W, 3) uint8 RGB
        frames = video_to_uint8(inputs['video']).permute(0, 2, 3, 4,
                                                         1).cpu().numpy()
        masks = np.zeros(frames.shape[:4], np.float32)
        for i, clip in enumerate(frames):
            sample = data_samples[i] if data_samples is not None else None
            num_valid = len(clip)
            if sample is not None and 'num_valid' in sample:
                num_valid = int(sample.num_valid)
            masks[i, :num_valid] = self.segment_clip(clip[:num_valid], sample)
            masks[i, num_valid:] = masks[i, num_valid - 1]
        probs = torch.from_numpy(masks)
        if mode == 'tensor':
            return probs[:, None]
        for sample, prob in zip(data_samples, probs):
            sample.pred_seg = prob
        return data_samples
