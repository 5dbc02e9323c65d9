import json
import os
import os.path as osp
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Union

import cv2
import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.logging import MMLogger

from vosgan_mm.registry import METRICS
from vosgan_mm.utils import threshold_probabilities
from .segmentation_measures import (boundary_f_measure, pixel_f_measure,
                                    region_iou)


def upsample_to(prob: np.ndarray, shape) -> np.ndarray:
    """(h, w) probability map -> (H, W) by bilinear interpolation."""
    h, w = shape
    return cv2.resize(
        prob.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)


def markdown_table(rows: List[dict], columns: Sequence[str]) -> str:
    head = '| ' + ' | '.join(columns) + ' |'
    rule = '|' + '---|' * len(columns)
    body = [
        '| ' +
        ' | '.join(f'{r[c]:.2f}' if isinstance(r[c], float) else str(r[c])
                   for c in columns) + ' |' for r in rows
    ]
    return '\n'.join([head, rule] + body)


def _nanmean(values) -> float:
    """The mean of the values that are not NaN (NaN if none is)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else float('nan')


@METRICS.register_module()
class VideoSegmentationMetric(BaseMetric):
    """Region IoU (J), pixelwise F-measure and DAVIS boundary F-measure of
    predicted foreground maps.

    Each prediction (``pred_seg``, (T, h, w) probabilities) is resized to
    its ground truth's size by linear interpolation and thresholded; only
    the first ``num_valid`` frames of a shot are scored. Scores are averaged
    over the frames of each sequence, then over sequences. All numbers are
    percentages. Free of the threshold, ``prob_on_fg`` and ``prob_on_bg``
    are the mean predicted probability on the true foreground and on the
    background pixels (averaged the same way; frames without foreground
    leave ``prob_on_fg`` out): a segmenter that tells objects from
    background has the first above the second, whether or not it crosses
    the threshold.

    Args:
        threshold (float or str): Foreground threshold, or ``'otsu'`` for
            Otsu's threshold of each frame's map (as the flow baseline
            thresholds each frame's flow magnitude). Defaults to 0.5 (the
            paper's).
        bound_th (float): Boundary tolerance, fraction of the image
            diagonal. Defaults to 0.008 (DAVIS).
        skip_first_last (bool): Leave out each sequence's first and last
            frame, as the official DAVIS statistics do (the DAVIS-2016 data
            config sets it; data sets without such a rule score every
            frame). Defaults to False.
        out_file (str, optional): Write the per-sequence and mean results
            here as JSON. ``tools/test.py`` sets it to
            ``<work_dir>/segmentation_results.json`` when it is None.
    """

    default_prefix = 'seg'

    # the file name ``tools/test.py`` gives a result file it places
    result_file = 'segmentation_results'

    def __init__(self,
                 threshold: Union[float, str] = 0.5,
                 bound_th: float = 0.008,
                 skip_first_last: bool = False,
                 out_file: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if threshold != 'otsu' and not isinstance(threshold, (int, float)):
            raise ValueError(
                f'threshold must be a number or "otsu", got {threshold!r}')
        self.threshold = threshold
        self.bound_th = bound_th
        self.skip_first_last = skip_first_last
        self.out_file = out_file

    def process(self, data_batch, data_samples) -> None:
        # one result per shot (MMEngine keeps as many results as data
        # items); MMEngine's evaluator hands data samples over as dicts
        for sample in data_samples:
            pred = np.asarray(sample['pred_seg'])  # (T, h, w)
            gt = sample['gt_masks']  # (num_valid, H, W) bool
            frames = []
            for t in range(sample['num_valid']):
                prob = upsample_to(pred[t], gt[t].shape)
                fg = threshold_probabilities(prob, self.threshold)
                frames.append(
                    dict(
                        frame=int(sample['frame_ids'][t]),
                        J=region_iou(fg, gt[t]),
                        F=pixel_f_measure(fg, gt[t]),
                        boundary_F=boundary_f_measure(fg, gt[t],
                                                      self.bound_th),
                        prob_on_fg=float(prob[gt[t]].mean())
                        if gt[t].any() else np.nan,
                        prob_on_bg=float(prob[~gt[t]].mean())
                        if not gt[t].all() else np.nan))
            self.results.append(
                dict(sequence=sample['sequence'], frames=frames))

    def compute_metrics(self, results: list) -> Dict[str, float]:
        if not results:
            raise ValueError('no shot was evaluated: the test data set is '
                             'empty')
        frames = defaultdict(list)
        for shot in results:
            frames[shot['sequence']] += shot['frames']
        per_sequence = []
        for name in sorted(frames):
            rows = sorted(frames[name], key=lambda r: r['frame'])
            if self.skip_first_last and len(rows) > 2:
                rows = rows[1:-1]
            per_sequence.append(
                dict(
                    sequence=name,
                    frames=len(rows),
                    **{
                        k: 100 * float(np.mean([r[k] for r in rows]))
                        for k in ('J', 'F', 'boundary_F')
                    },
                    **{
                        k: _nanmean([r[k] for r in rows])
                        for k in ('prob_on_fg', 'prob_on_bg')
                    }))
        means = {
            k: _nanmean([s[k] for s in per_sequence])
            for k in ('J', 'F', 'boundary_F', 'prob_on_fg', 'prob_on_bg')
        }
        logger = MMLogger.get_current_instance()
        logger.info('\n' + markdown_table(
            per_sequence + [
                dict(
                    sequence='mean',
                    frames=sum(s['frames'] for s in per_sequence),
                    **means)
            ], ('sequence', 'frames', 'J', 'F', 'boundary_F', 'prob_on_fg',
                'prob_on_bg')))
        if self.out_file:
            os.makedirs(osp.dirname(osp.abspath(self.out_file)), exist_ok=True)
            with open(self.out_file, 'w') as f:
                json.dump(
                    dict(
                        mean=means,
                        per_sequence=per_sequence,
                        threshold=self.threshold),
                    f,
                    indent=2)
        return means
