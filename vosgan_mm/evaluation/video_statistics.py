"""Figures that tell whether a generator makes distinct, moving videos with
a mask that isolates what moves, and what a data set's motion looks like.

- :func:`video_statistics`: diversity (mean pairwise RMS distance between
  videos), mean absolute frame-to-frame change, the share of pixels that
  move, and the share of videos in which an object moves (by Farneback
  flow: some pixels move, but not nearly all of them, as in flicker).
- :func:`mask_statistics`: mean, shares of pixels above 0.9 and below 0.1,
  mean absolute change between consecutive frames, and the spread of the
  mask over the batch (0 when every video gets the same mask).
- :func:`flow_magnitude_statistics` and
  :func:`recommended_max_displacement`: percentiles of |flow| per pixel, and
  the scale of ``OF()``'s normalisation that keeps nearly all flow values
  inside [0, 1] while using that range.
"""
import sys
from typing import Dict, Optional, Sequence

import numpy as np
import torch
from mmengine.utils import ProgressBar

from vosgan_mm.models.flow import FarnebackFlow, FlowTarget

# a video shows a moving object when between 1 % and 50 % of its pixels are
# displaced by more than MOVING_PIXEL_FLOW pixels per frame: a sprite covers
# about 8 % of a frame (15 % of the pixels move, by Farneback's window);
# flicker or a frame that shifts as a whole moves nearly all of them
MOVING_PIXEL_FLOW = 0.5
MOVING_OBJECT_PIXEL_SHARE = (0.01, 0.5)
FLOW_PERCENTILES = (50, 90, 95, 99, 99.9, 100)


def _check_video(video: torch.Tensor, channels: int, name: str) -> None:
    if video.dim() != 5 or video.shape[1] != channels:
        raise ValueError(f'{name} must be (N, {channels}, T, H, W), got '
                         f'{tuple(video.shape)}')


@torch.no_grad()
def video_statistics(video: torch.Tensor,
                     flow: Optional[FlowTarget] = None) -> Dict[str, float]:
    """Diversity and motion of a batch of videos.

    Args:
        video (Tensor): (N, 3, T, H, W) in [-1, 1], N >= 2.
        flow (FlowTarget, optional): Flow used for ``moving_share``.
            Defaults to ``FarnebackFlow()``.

    Returns:
        dict: ``diversity`` (mean RMS distance over pairs of videos, on the
        [-1, 1] scale), ``frame_change`` (mean |x_{t+1} - x_t|),
        ``moving_pixel_share`` (mean share of pixels displaced by more than
        0.5 px per frame), ``moving_share`` (share of videos in which
        between 1 % and 50 % of the pixels are: an object moves, not the
        whole frame).
    """
    _check_video(video, 3, 'video')
    if video.shape[0] < 2:
        raise ValueError('video_statistics needs at least 2 videos to '
                         f'measure diversity, got {video.shape[0]}')
    video = video.detach().float().cpu()
    flat = video.flatten(1)
    n = flat.shape[0]
    sq_dist = torch.cdist(flat, flat).pow(2) / flat.shape[1]
    pairs = sq_dist[~torch.eye(n, dtype=torch.bool)].sqrt()
    frame_change = (video[:, :, 1:] - video[:, :, :-1]).abs().mean()
    flow = flow or FarnebackFlow()
    pixels = flow.denormalize(flow(video))  # (N, 2, T-1, H, W) pixels
    moving = (pixels.norm(dim=1) > MOVING_PIXEL_FLOW).flatten(1).float()
    share = moving.mean(1)  # (N,)
    low, high = MOVING_OBJECT_PIXEL_SHARE
    has_object = ((share >= low) & (share <= high)).float().mean()
    return dict(
        diversity=float(pairs.mean()),
        frame_change=float(frame_change),
        moving_pixel_share=float(share.mean()),
        moving_share=float(has_object))


@torch.no_grad()
def mask_statistics(mask: torch.Tensor) -> Dict[str, float]:
    """Statistics of a generator's masks (N, 1, T, H, W) in [0, 1].

    Returns:
        dict: ``mask_mean``; ``mask_above_0.9`` and ``mask_below_0.1``
        (shares of pixels); ``mask_temporal_change`` (mean |m_{t+1} - m_t|:
        0 for a mask frozen in time); ``mask_batch_std`` (standard
        deviation over the batch, averaged over pixels: 0 when every video
        gets the same mask).
    """
    _check_video(mask, 1, 'mask')
    mask = mask.detach().float().cpu()
    return {
        'mask_mean':
        float(mask.mean()),
        'mask_above_0.9':
        float((mask > 0.9).float().mean()),
        'mask_below_0.1':
        float((mask < 0.1).float().mean()),
        'mask_temporal_change':
        float((mask[:, :, 1:] - mask[:, :, :-1]).abs().mean()),
        'mask_batch_std':
        float(mask.std(0).mean()) if mask.shape[0] > 1 else 0.0,
    }


def flow_magnitude_statistics(
        flows: Sequence[np.ndarray],
        percentiles: Sequence[float] = FLOW_PERCENTILES) -> Dict[str, float]:
    """Percentiles of a data set's flow, per pixel.

    Args:
        flows (Sequence[ndarray]): One (T-1, H, W, 2) flow in pixels per
            clip.
        percentiles (Sequence[float]): Which percentiles.

    Returns:
        dict: ``magnitude_p<q>`` (percentiles of |flow|) and
        ``component_p<q>`` (of |x| and |y| together), ``magnitude_mean``,
        ``moving_pixel_share`` (|flow| > 0.5 px) and ``num_clips``.
    """
    if not flows:
        raise ValueError('flow_magnitude_statistics needs at least one clip')
    flat = []
    for flow in flows:
        flow = np.asarray(flow, np.float32)
        if flow.ndim != 4 or flow.shape[-1] != 2:
            raise ValueError('each flow must be (T-1, H, W, 2), got '
                             f'{flow.shape}')
        flat.append(flow.reshape(-1, 2))
    flat = np.concatenate(flat)
    magnitude = np.linalg.norm(flat, axis=1)
    component = np.abs(flat).ravel()
    stats = dict(num_clips=len(flows), magnitude_mean=float(magnitude.mean()))
    stats['moving_pixel_share'] = float((magnitude > MOVING_PIXEL_FLOW).mean())
    for q in percentiles:
        stats[f'magnitude_p{q:g}'] = float(np.percentile(magnitude, q))
        stats[f'component_p{q:g}'] = float(np.percentile(component, q))
    return stats


def data_set_flow_statistics(dataset_cfg: dict,
                             num_clips: int = 64,
                             flow: Optional[FlowTarget] = None,
                             progress: bool = False) -> Dict[str, float]:
    """:func:`flow_magnitude_statistics` of ``num_clips`` clips spread
    evenly over a data set, through its full pipeline: the flow is
    Farneback's on the clips at training resolution (``inputs['video']``
    (3, T, H, W) uint8). Adds ``frame_shape`` (H, W). ``progress`` shows
    MMEngine's progress bar on stderr."""
    from vosgan_mm.registry import DATASETS
    dataset = DATASETS.build(dataset_cfg)
    if num_clips < 1:
        raise ValueError(f'num_clips must be positive, got {num_clips}')
    flow = flow or FarnebackFlow()
    count = min(num_clips, len(dataset))
    flows = []
    bar = ProgressBar(count, file=sys.stderr) if progress else None
    for index in np.linspace(0, len(dataset) - 1, count).round():
        video = dataset[int(index)]['inputs']['video']  # (3, T, H, W)
        flows.append(flow.clip_flow(video.permute(1, 2, 3, 0).numpy()))
        if bar:
            bar.update()
    stats = flow_magnitude_statistics(flows)
    stats['frame_shape'] = list(flows[0].shape[1:3])
    return stats


def recommended_max_displacement(stats: Dict[str, float],
                                 step: float = 0.5) -> float:
    """``OF()``'s scale for a data set: the 99.9th percentile of |x| and |y|
    flow, rounded up to ``step`` pixels. With it at most 0.1 % of the
    target values are clipped at 0 or 1, and the moving pixels span a good
    part of [0, 1] instead of a sliver around 0.5."""
    value = stats['component_p99.9']
    return float(max(step, np.ceil(value / step) * step))
