"""How close two flow estimators are to each other and to the true motion
of the embedded sprite videos, and how fast they run."""
import time
from typing import Callable, Optional, Tuple

import numpy as np
import torch

from vosgan_mm.datasets.sprite_video_dataset import render_sprite_clip


def end_point_error(flow: np.ndarray,
                    reference: np.ndarray,
                    mask: Optional[np.ndarray] = None) -> float:
    """Mean Euclidean distance between two (..., 2) flow fields, over the
    pixels where ``mask`` (shape ``flow.shape[:-1]``) is true, or all."""
    if flow.shape != reference.shape or flow.shape[-1] != 2:
        raise ValueError('flows must share a (..., 2) shape, got '
                         f'{flow.shape} and {reference.shape}')
    error = np.sqrt(((flow - reference)**2).sum(-1))
    if mask is not None:
        if not mask.any():
            raise ValueError('the mask selects no pixel')
        error = error[mask]
    return float(error.mean())


def sprite_clips(num_clips: int, num_frames: int, size: int, seed: int = 0):
    """Sprite clips (``imgs``, ``gt_masks``, ``gt_flow``) of the embedded
    data set's renderer."""
    return [
        render_sprite_clip(seed * 100_003 + i, num_frames, size)
        for i in range(num_clips)
    ]


def flow_agreement(first: Callable, second: Callable, clips: list,
                   names: Tuple[str, str]) -> dict:
    """End-point errors (pixels) of two estimators' ``clip_flow``: against
    each other (``epe_<first>_vs_<second>``), and each against the true flow
    over all pixels (``epe_<name>_vs_truth``) and over the moving sprites'
    pixels (``epe_<name>_vs_truth_moving``)."""
    flows = {name: [] for name in names}
    truth, moving = [], []
    for clip in clips:
        for name, estimator in zip(names, (first, second)):
            flows[name].append(estimator(clip['imgs']))
        truth.append(clip['gt_flow'])
        moving.append(clip['gt_masks'][:-1].astype(bool))
    flows = {name: np.stack(flow) for name, flow in flows.items()}
    truth, moving = np.stack(truth), np.stack(moving)
    figures = {
        f'epe_{names[0]}_vs_{names[1]}':
        end_point_error(flows[names[0]], flows[names[1]])
    }
    for name, flow in flows.items():
        figures[f'epe_{name}_vs_truth'] = end_point_error(flow, truth)
        figures[f'epe_{name}_vs_truth_moving'] = end_point_error(
            flow, truth, moving)
    return figures


def flow_pairs_per_second(flow_target: Callable,
                          video: torch.Tensor,
                          repeats: int = 3) -> float:
    """Frame pairs per second of ``flow_target`` on a (N, 3, T, H, W) batch
    (one warm-up call; CUDA work is waited for)."""
    flow_target(video)
    if video.is_cuda:
        torch.cuda.synchronize(video.device)
    start = time.perf_counter()
    for _ in range(repeats):
        flow_target(video)
    if video.is_cuda:
        torch.cuda.synchronize(video.device)
    seconds = (time.perf_counter() - start) / repeats
    return video.shape[0] * (video.shape[2] - 1) / seconds
