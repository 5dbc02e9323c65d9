"""Compare the PyTorch Farneback (``TorchFarnebackFlow``) with OpenCV's
(``FarnebackFlow``) on the embedded sprite videos: end-point errors against
each other and against the true flow, and frame pairs per second of a
batch on each device at hand.

    python tools/analysis_tools/benchmark_flow.py [--clips 32] [--frames 32]
        [--size 64] [--batch 16] [--devices cpu cuda] [--json flow.json]
"""

import argparse
import json
import time
from typing import Callable, Tuple

import numpy as np
import torch

from vosgan_mm.evaluation import end_point_error
from vosgan_mm.models import FarnebackFlow, TorchFarnebackFlow
from vosgan_mm.sprites import render_sprite_clip
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


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


def parse_args():
    parser = argparse.ArgumentParser(description='Farneback: PyTorch vs '
                                     'OpenCV, accuracy and throughput')
    parser.add_argument(
        '--clips',
        type=int,
        default=32,
        help='sprite clips the flows are compared on (default: %(default)s)')
    parser.add_argument(
        '--frames',
        type=int,
        default=32,
        help='frames per clip (default: %(default)s)')
    parser.add_argument(
        '--size',
        type=int,
        default=64,
        help='frame side in pixels (default: %(default)s)')
    parser.add_argument(
        '--batch',
        type=int,
        default=16,
        help='clips per timed batch (default: %(default)s)')
    parser.add_argument(
        '--devices',
        nargs='+',
        default=['cpu', 'cuda'],
        help='devices for the PyTorch version (cuda is skipped if absent) '
        '(default: cpu cuda)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    opencv, ours = FarnebackFlow(), TorchFarnebackFlow()
    clips = sprite_clips(args.clips, args.frames, args.size)
    figures = dict(
        clips=args.clips,
        frames=args.frames,
        size=args.size,
        cpu_threads=torch.get_num_threads())
    figures.update(
        flow_agreement(
            ours.clip_flow, opencv.clip_flow, clips,
            names=('torch', 'opencv')))

    video = torch.stack([
        torch.from_numpy(clips[i % len(clips)]['imgs'])
        for i in range(args.batch)
    ]).permute(0, 4, 1, 2, 3).float() / 127.5 - 1  # (N, 3, T, H, W)
    figures['opencv_threads'] = opencv.num_threads
    figures['opencv_cpu_pairs_per_s'] = flow_pairs_per_second(opencv, video)
    for device in args.devices:
        if device.startswith('cuda') and not torch.cuda.is_available():
            figures[f'torch_{device}_pairs_per_s'] = 'not measured (no CUDA)'
            continue
        figures[f'torch_{device}_pairs_per_s'] = flow_pairs_per_second(
            ours, video.to(device))
    for key, value in figures.items():
        print(f'{key:>30}: {value:.4g}'
              if isinstance(value, float) else f'{key:>30}: {value}')
    print(
        '(end-point errors in pixels per frame; "moving" = the sprites\' '
        'pixels; batches of', args.batch, 'clips)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(figures, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
