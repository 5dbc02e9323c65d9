"""Compare the PyTorch Farneback (``TorchFarnebackFlow``) with OpenCV's
(``FarnebackFlow``) on the embedded sprite videos: end-point errors against
each other and against the true flow, and frame pairs per second of a
batch on each device at hand.

    python tools/benchmark_flow.py [--clips 32] [--frames 32] [--size 64]
        [--batch 16] [--devices cpu cuda] [--json flow.json]
"""
import argparse
import json

import torch

from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.evaluation import (flow_agreement, flow_pairs_per_second,
                                  sprite_clips)
from vosgan_mm.models import FarnebackFlow, TorchFarnebackFlow


def parse_args():
    parser = argparse.ArgumentParser(description='Farneback: PyTorch vs '
                                     'OpenCV, accuracy and throughput')
    parser.add_argument('--clips', type=int, default=32)
    parser.add_argument('--frames', type=int, default=32)
    parser.add_argument('--size', type=int, default=64)
    parser.add_argument(
        '--batch', type=int, default=16, help='clips per timed batch')
    parser.add_argument(
        '--devices',
        nargs='+',
        default=['cpu', 'cuda'],
        help='devices for the PyTorch version (cuda is skipped if absent)')
    parser.add_argument('--json', help='also write the figures here')
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
