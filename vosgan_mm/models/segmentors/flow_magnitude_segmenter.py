from typing import List, Optional, Union

import numpy as np
import torch
from mmengine.model import BaseModel
from mmengine.structures import BaseDataElement

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import otsu_foreground


@MODELS.register_module()
class FlowMagnitudeSegmenter(BaseModel):
    """A segmentation baseline that learns nothing: foreground is where the
    Farneback flow magnitude exceeds a threshold.

    Frame t uses the flow from t to t+1; the last frame of a clip (and the
    last real frame of a padded shot) uses the flow into it.

    Args:
        threshold (float or str): Pixels per frame, or ``'otsu'`` for Otsu's
            threshold of each frame's magnitude. Defaults to ``'otsu'``.
        min_magnitude (float): With Otsu, a frame whose largest motion is
            below this many pixels is all background. Defaults to 0.5.
        flow (dict): Config of the flow estimator.
    """

    def __init__(self,
                 threshold: Union[float, str] = 'otsu',
                 min_magnitude: float = 0.5,
                 flow: dict = dict(type='FarnebackFlow'),
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)
        if threshold != 'otsu' and not isinstance(threshold, (int, float)):
            raise ValueError(
                f'threshold must be a number or "otsu", got {threshold!r}')
        self.threshold = threshold
        self.min_magnitude = min_magnitude
        self.flow = MODELS.build(flow)

    def frame_masks(self, magnitude: np.ndarray) -> np.ndarray:
        """(T, H, W) flow magnitude in pixels -> (T, H, W) {0, 1} float."""
        if self.threshold != 'otsu':
            return (magnitude > self.threshold).astype(np.float32)
        masks = np.zeros_like(magnitude, dtype=np.float32)
        for t, mag in enumerate(magnitude):
            if mag.max() < self.min_magnitude:
                continue
            masks[t] = otsu_foreground(mag, mag.max())
        return masks

    def forward(self,
                inputs: dict,
                data_samples: Optional[List[BaseDataElement]] = None,
                mode: str = 'tensor'):
        if mode == 'loss':
            raise ValueError('FlowMagnitudeSegmenter has nothing to train')
        # (N, 2, T-1, H, W) in pixels
        flow = self.flow.denormalize(self.flow(inputs['video']))
        magnitude = flow.norm(dim=1).cpu().numpy()
        magnitude = np.concatenate([magnitude, magnitude[:, -1:]], axis=1)
        if data_samples is not None:
            for i, sample in enumerate(data_samples):
                # a padded shot repeats its last real frame: that frame's
                # forward flow is zero, use the flow into it instead
                last = sample.num_valid - 1
                if 0 < last < magnitude.shape[1] - 1:
                    magnitude[i, last] = magnitude[i, last - 1]
        probs = torch.from_numpy(
            np.stack([self.frame_masks(m) for m in magnitude]))
        if mode == 'tensor':
            return probs[:, None]
        for ds, prob in zip(data_samples, probs):
            ds.pred_seg = prob
        return data_samples
