"""How segmentations of the same video compare where no ground truth
exists: each one's foreground share and temporal stability, and how much
each pair agrees."""
from itertools import combinations
from typing import Dict

import numpy as np

from vosgan_mm.evaluation.metrics.segmentation_measures import region_iou


class MaskAgreement:
    """Accumulates, frame by frame, figures of several binary
    segmentations of one video (by name: a trained discriminator, the flow
    baseline, ...).

    - ``foreground_share``: mean share of pixels called foreground;
    - ``temporal_iou``: mean IoU of each frame's mask with the previous
      frame's (1: a mask that never changes; a mask that jumps between
      frames scores low);
    - ``iou`` of each pair of segmentations: their mean per-frame IoU
      (both empty counts 1, as in :func:`region_iou`).

    Every frame's masks are (H, W) arrays of one size, foreground > 0.
    """

    def __init__(self):
        self.num_frames = 0
        self._share: Dict[str, float] = {}
        self._temporal: Dict[str, float] = {}
        self._pair: Dict[tuple, float] = {}
        self._previous: Dict[str, np.ndarray] = {}

    def add(self, masks: Dict[str, np.ndarray]) -> None:
        """Adds one frame: ``masks`` maps each segmentation's name to its
        (H, W) mask of that frame (the same names for every frame)."""
        masks = {name: np.asarray(mask) > 0 for name, mask in masks.items()}
        if self.num_frames and set(masks) != set(self._share):
            raise ValueError(
                f'frame {self.num_frames}: masks of '
                f'{sorted(masks)}, expected {sorted(self._share)}')
        for name, mask in masks.items():
            self._share[name] = self._share.get(name, 0.0) + mask.mean()
            if name in self._previous:
                self._temporal[name] = self._temporal.get(name, 0.0) + \
                    region_iou(mask, self._previous[name])
            self._previous[name] = mask
        for pair in combinations(sorted(masks), 2):
            iou = region_iou(masks[pair[0]], masks[pair[1]])
            self._pair[pair] = self._pair.get(pair, 0.0) + iou
        self.num_frames += 1

    def summary(self) -> dict:
        """``{'num_frames': N, 'segmentations': {name: {'foreground_share',
        'temporal_iou'}}, 'iou': {'a vs b': mean IoU}}``; temporal IoU is
        NaN for a one-frame video."""
        n = max(self.num_frames, 1)
        pairs = max(self.num_frames - 1, 0)
        return dict(
            num_frames=self.num_frames,
            segmentations={
                name:
                dict(
                    foreground_share=share / n,
                    temporal_iou=self._temporal.get(name, 0.0) /
                    pairs if pairs else float('nan'))
                for name, share in self._share.items()
            },
            iou={
                f'{a} vs {b}': total / n
                for (a, b), total in self._pair.items()
            })
