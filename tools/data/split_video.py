"""Cut a long video into clips of consecutive frames, one file each, for
``VideoFolderDataset`` (which takes one clip per file and visit).

    python tools/data/split_video.py VIDEO OUT_DIR [--clip-frames 32]
        [--short-side 128]

Writes ``OUT_DIR/<video name>_<k>.avi`` (Motion-JPEG); a last part shorter
than ``--clip-frames`` is dropped.
"""
import argparse
import os
import os.path as osp

import cv2
import numpy as np

from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.visualization import write_video


def parse_args():
    parser = argparse.ArgumentParser(
        description='Cut a video into clips of consecutive frames')
    parser.add_argument('video')
    parser.add_argument('out_dir')
    parser.add_argument('--clip-frames', type=int, default=32)
    parser.add_argument(
        '--short-side',
        type=int,
        help='resize frames so that their short side has this length')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.clip_frames < 2:
        raise SystemExit(f'--clip-frames must be at least 2, got '
                         f'{args.clip_frames}')
    capture = cv2.VideoCapture(args.video)
    if not capture.isOpened():
        raise SystemExit(f'cannot open video {args.video}')
    fps = capture.get(cv2.CAP_PROP_FPS) or 25
    stem = osp.splitext(osp.basename(args.video))[0]
    os.makedirs(args.out_dir, exist_ok=True)
    frames, written = [], 0
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        if args.short_side:
            h, w = frame.shape[:2]
            scale = args.short_side / min(h, w)
            frame = cv2.resize(
                frame, (round(w * scale), round(h * scale)),
                interpolation=cv2.INTER_AREA)
        frames.append(frame)
        if len(frames) == args.clip_frames:
            write_video(
                osp.join(args.out_dir, f'{stem}_{written:04d}.avi'),
                np.ascontiguousarray(np.stack(frames)[..., ::-1]),
                fps=round(fps),
                scale=1)
            frames, written = [], written + 1
    if written == 0:
        raise SystemExit(f'{args.video} has fewer than {args.clip_frames} '
                         'readable frames')
    print(f'{written} clips of {args.clip_frames} frames written to '
          f'{args.out_dir}')


if __name__ == '__main__':
    run_tool(main)
