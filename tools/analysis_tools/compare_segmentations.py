"""Set segmentations of one video side by side, where no ground truth
exists: each one's foreground share and temporal stability (mean IoU of
consecutive masks), the mean IoU of each pair, and a PNG of chosen frames
with each segmentation's foreground tinted red (one row a frame, one
column a segmentation).

    python tools/analysis_tools/compare_segmentations.py VIDEO \
        NAME=DIR [NAME=DIR ...] --out figure.png [--frames 100 400 700]
        [--scale 0.5] [--json out.json]

Each DIR is the output folder of tools/segment_video.py on VIDEO (or its
masks/ folder). Without --frames, three frames evenly spread.
"""
import argparse
import json
import math
import os
import os.path as osp

import cv2

from vosgan_mm.apis import FrameSource, compare_segmentations
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


def named_folder(text: str):
    name, sep, folder = text.partition('=')
    if not sep or not name or not folder:
        raise argparse.ArgumentTypeError(
            f'{text!r}: give a segmentation as NAME=FOLDER')
    return name, folder


def parse_args():
    parser = argparse.ArgumentParser(
        description='Compare segmentations of one video')
    parser.add_argument('input', help='the segmented video (file or frames)')
    parser.add_argument(
        'segmentations',
        nargs='+',
        type=named_folder,
        help='NAME=FOLDER: tools/segment_video.py output of the video')
    parser.add_argument(
        '--out', required=True, help='PNG to write (default: none, required)')
    parser.add_argument(
        '--frames',
        type=int,
        nargs='+',
        help='0-based indices of the frames to draw, one row each '
        '(default: three frames evenly spread)')
    parser.add_argument(
        '--scale',
        type=float,
        default=1.0,
        help='resize factor of the drawn frames (default: %(default)s)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_debug_argument(parser)
    args = parser.parse_args()
    names = [name for name, _ in args.segmentations]
    if len(set(names)) != len(names):
        parser.error(f'each segmentation needs its own NAME: {names}')
    return args


def main():
    args = parse_args()
    folders = dict(args.segmentations)
    source = FrameSource(args.input)
    frames = args.frames or [source.num_frames * k // 6 for k in (1, 3, 5)]
    summary, grid = compare_segmentations(source, folders, frames, args.scale)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    cv2.imwrite(args.out, cv2.cvtColor(grid, cv2.COLOR_RGB2BGR))
    print(f'{args.input}: {summary["num_frames"]} frames')
    print('| segmentation | foreground share | temporal IoU |')
    print('|---|---|---|')
    for name, figures in summary['segmentations'].items():
        temporal = figures['temporal_iou']
        temporal = 'n/a' if math.isnan(temporal) else f'{temporal:.3f}'
        print(f'| {name} | {figures["foreground_share"]:.3f} | {temporal} |')
    for pair, iou in summary['iou'].items():
        print(f'IoU {pair}: {iou:.3f}')
    print(f'figure: {args.out}')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(summary, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
