from typing import Optional

import numpy as np
import torch
from mmengine.model import is_model_wrapper

from vosgan_mm.evaluation.metrics.segmentation_measures import (
    pixel_f_measure, region_iou)
from vosgan_mm.registry import DATASETS, HOOKS, MODELS
from vosgan_mm.utils.video_values import video_from_uint8

from .curve_monitor_hook import CurveMonitorHook
from .saved_weights import model_of_the_checkpoints


@HOOKS.register_module()
class SegmentationValidationHook(CurveMonitorHook):
    """Scores the GAN discriminator's segmentation of held-out real clips
    against their true masks during training: the "adversarial" scenario
    of paper Sec. 4.4, measured as it learns.

    Before training, every ``interval`` iterations and after the last one,
    the discriminator (in eval mode, as ``VOSGANSegmenter`` runs it at test
    time) segments the clips of ``dataset``; each frame's map is thresholded
    at ``threshold`` and scored against the clip's ``gt_masks``. The mean
    region IoU (J) and pixelwise F-measure over clips, in percent, go to the
    log, to the visualizer's scalars (``val_seg/iou``, ``val_seg/f``) and to
    ``<work_dir>/<out_file>`` (``curve``: one entry per evaluation). A
    ``reference`` segmenter (such as the flow-magnitude baseline) is scored
    once on the same clips, so the curve can be read against it.

    Args:
        dataset (dict): Config of a data set whose items (``get_data_info``)
            hold ``imgs`` (T, H, W, 3) uint8 RGB and ``gt_masks`` (T, H, W)
            in {0, 1} at the model's input size, e.g. ``SpriteVideoDataset``
            with a seed that neither training nor testing uses.
        interval (int): Iterations between evaluations. Defaults to 300.
        threshold (float): Foreground threshold. Defaults to 0.5.
        batch_size (int): Clips per forward pass. Defaults to 8.
        out_file (str): JSON file in the work dir. Defaults to
            ``'segmentation_curve.json'``.
        reference (dict, optional): Config of a segmenter without training
            (``mode='tensor'`` gives (N, 1, T, H, W) maps), e.g.
            ``dict(type='FlowMagnitudeSegmenter')``. Defaults to None.
    """

    baseline_key = 'reference'
    scalar_prefix = 'val_seg'

    def __init__(self,
                 dataset: dict,
                 interval: int = 300,
                 threshold: float = 0.5,
                 batch_size: int = 8,
                 out_file: str = 'segmentation_curve.json',
                 reference: Optional[dict] = None):
        super().__init__(interval, out_file)
        self.dataset_cfg = dataset
        self.reference_cfg = reference
        self.threshold = threshold
        self.batch_size = batch_size
        self._clips: Optional[tuple] = None

    def _load_clips(self) -> tuple:
        if self._clips is None:
            dataset = DATASETS.build(self.dataset_cfg)
            infos = [dataset.get_data_info(i) for i in range(len(dataset))]
            for key in ('imgs', 'gt_masks'):
                if any(key not in info for info in infos):
                    raise KeyError(
                        f'SegmentationValidationHook needs "{key}" in every '
                        f'item of {type(dataset).__name__}')
            video = torch.from_numpy(
                np.stack([info['imgs'] for info in infos]))
            masks = np.stack([info['gt_masks'] for info in infos]) > 0
            # (N, T, H, W, 3) uint8 -> (N, 3, T, H, W) in [-1, 1]
            video = video_from_uint8(video.permute(0, 4, 1, 2, 3))
            self._clips = (video, masks)
        return self._clips

    @torch.no_grad()
    def evaluate(self, model) -> dict:
        """Mean IoU and F (percent) of ``model.discriminator``'s
        segmentation of the validation clips."""
        if is_model_wrapper(model):
            model = model.module
        discriminator = model.discriminator
        if is_model_wrapper(discriminator):
            discriminator = discriminator.module
        video, _ = self._load_clips()
        device = next(discriminator.parameters()).device
        was_training = discriminator.training
        discriminator.eval()
        try:
            probs = []
            for start in range(0, len(video), self.batch_size):
                out = discriminator(video[start:start +
                                          self.batch_size].to(device))
                if 'seg' not in out:
                    raise KeyError(
                        f'{type(discriminator).__name__} has no '
                        'segmentation output ("seg"): '
                        'SegmentationValidationHook needs a VOS-GAN '
                        'discriminator')
                probs.append(out['seg'][:, 0].float().cpu())
        finally:
            discriminator.train(was_training)
        return self.score(torch.cat(probs).numpy())

    def score(self, probs: np.ndarray) -> dict:
        """Mean IoU and F (percent) over the validation clips, the share of
        pixels predicted foreground, and, free of the threshold, the mean
        foreground probability on the true foreground pixels
        (``prob_on_fg``) and on the background ones (``prob_on_bg``): a
        segmenter that tells them apart has the first above the second,
        whether or not it crosses the threshold; of (N, T, H, W) maps."""
        _, masks = self._load_clips()
        pred = probs > self.threshold
        iou = [
            np.mean([region_iou(p, g) for p, g in zip(pc, gc)])
            for pc, gc in zip(pred, masks)
        ]
        f = [
            np.mean([pixel_f_measure(p, g) for p, g in zip(pc, gc)])
            for pc, gc in zip(pred, masks)
        ]
        return dict(
            iou=100 * float(np.mean(iou)),
            f=100 * float(np.mean(f)),
            fg_share=float(pred.mean()),
            prob_on_fg=float(probs[masks].mean()),
            prob_on_bg=float(probs[~masks].mean()))

    @torch.no_grad()
    def evaluate_reference(self) -> dict:
        """The ``reference`` segmenter's scores on the validation clips."""
        segmenter = MODELS.build(self.reference_cfg)
        video, _ = self._load_clips()
        probs = [
            segmenter(dict(video=video[i:i + self.batch_size]))[:, 0]
            for i in range(0, len(video), self.batch_size)
        ]
        return dict(
            type=self.reference_cfg['type'],
            **self.score(torch.cat(probs).float().numpy()))

    def measure(self, runner) -> dict:
        return self.evaluate(model_of_the_checkpoints(runner))

    def measure_baseline(self, runner) -> Optional[dict]:
        if self.reference_cfg is None:
            return None
        reference = self.evaluate_reference()
        runner.logger.info(f'{reference["type"]} on the held-out clips: IoU '
                           f'{reference["iou"]:.2f}  F {reference["f"]:.2f}')
        return reference

    def describe(self, iteration: int, figures: dict) -> str:
        return (f'segmentation of held-out real clips at iteration '
                f'{iteration}: IoU {figures["iou"]:.2f}  F '
                f'{figures["f"]:.2f}  predicted foreground '
                f'{100 * figures["fg_share"]:.1f}% of pixels  mean '
                f'probability on true foreground {figures["prob_on_fg"]:.3f}, '
                f'on background {figures["prob_on_bg"]:.3f}')
