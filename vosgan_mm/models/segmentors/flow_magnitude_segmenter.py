from typing import List, Optional, Union

import numpy as np
import torch
from mmengine.model import BaseModel
from mmengine.structures import BaseDataElement

from vosgan_mm.models.flow.global_motion import (displacement_field,
                                                 homographies_from_flow)
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
        compensate_camera_motion (bool): Remove the camera's motion from
            the flow first: the displacement of a homography fitted by
            RANSAC to the flow of a pixel grid
            (:func:`homographies_from_flow`). Defaults to False.
        flow (dict): Config of the flow estimator.
    """

    def __init__(self,
                 threshold: Union[float, str] = 'otsu',
                 min_magnitude: float = 0.5,
                 compensate_camera_motion: bool = False,
                 flow: dict = dict(type='FarnebackFlow'),
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)
        if threshold != 'otsu' and not isinstance(threshold, (int, float)):
            raise ValueError(
                f'threshold must be a number or "otsu", got {threshold!r}')
        self.threshold = threshold
        self.min_magnitude = min_magnitude
        self.compensate_camera_motion = compensate_camera_motion
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
        if self.compensate_camera_motion:
            flow = remove_camera_motion(flow)
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


def remove_camera_motion(flow: torch.Tensor) -> torch.Tensor:
    """(N, 2, T-1, H, W) flow in pixels less, for each frame pair, the
    displacement of its dominant homography (the camera's motion)."""
    pairs = flow.permute(0, 2, 3, 4, 1).cpu().numpy()  # (N, T-1, H, W, 2)
    camera = np.stack([
        np.stack([
            displacement_field(h, pairs.shape[2:4])
            for h in homographies_from_flow(clip)
        ]) for clip in pairs
    ])
    return flow - torch.from_numpy(camera).permute(0, 4, 1, 2, 3).to(flow)
