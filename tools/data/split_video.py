"""Cut a long video into clips of consecutive frames, one file each, for
``VideoFolderDataset`` (which takes one clip per file and visit).

    python tools/data/split_video.py VIDEO OUT_DIR [--clip-frames 32]
        [--short-side 128] [--allow-truncated]

Writes ``OUT_DIR/<video name>_<k>.avi`` (Motion-JPEG); a last part shorter
than ``--clip-frames`` is dropped. A video that does not decode to its end
(a truncated copy) is refused unless ``--allow-truncated``, which cuts the
frames that decode. Each clip is decoded again once written; the clips
replace an earlier run's clips of the same video only once all of them are
written, so a run that fails (a damaged frame, a full disk) leaves
``OUT_DIR`` as it was.
"""
import argparse
import os.path as osp
import re
import sys

import cv2
import numpy as np

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.datasets.output_files import (WriteError, check_written_video,
                                             replace_on_success)
from vosgan_mm.datasets.video_decoding import (TruncatedVideoError,
                                               captured_native_stderr,
                                               check_video_frames)
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool
from vosgan_mm.visualization import write_video

TOOL = osp.basename(__file__)


def parse_args():
    parser = argparse.ArgumentParser(
        description='Cut a video into clips of consecutive frames')
    parser.add_argument('video', help='the video file to cut')
    parser.add_argument('out_dir', help='folder the clips are written to')
    parser.add_argument(
        '--clip-frames',
        type=int,
        default=32,
        help='frames per clip, at least 2 (default: %(default)s)')
    parser.add_argument(
        '--short-side',
        type=int,
        help='resize frames so that their short side has this length, in '
        'pixels (default: none, the video\'s own size)')
    parser.add_argument(
        '--allow-truncated',
        action='store_true',
        help='cut the frames that decode of a truncated or damaged video '
        '(default: refuse it)')
    add_debug_argument(parser)
    return parser.parse_args()


def read_frames(video: str, num_frames: int, allow_truncated: bool):
    """The video's first ``num_frames`` frames (BGR); one that does not
    decode is an error, or, with ``allow_truncated``, the end."""
    capture = cv2.VideoCapture(video)
    try:
        for index in range(num_frames):
            ok, frame = capture.read()
            if not ok:  # damaged where the up-front check did not look
                if allow_truncated:
                    return
                raise VideoDataError(
                    f'{video}, frame {index} does not decode; '
                    f'--allow-truncated cuts the {index} frames before it')
            yield frame
    finally:
        capture.release()


def main():
    args = parse_args()
    if args.clip_frames < 2:
        raise SystemExit(f'--clip-frames must be at least 2, got '
                         f'{args.clip_frames}')
    if not osp.isfile(args.video):
        raise FileNotFoundError(f'video not found: {args.video}')
    try:
        checked = check_video_frames(
            args.video, allow_truncated=args.allow_truncated)
    except TruncatedVideoError as error:
        raise VideoDataError(f'{error}; --allow-truncated cuts the '
                             f'{error.decodable} that decode') from error
    capture = cv2.VideoCapture(args.video)
    fps = capture.get(cv2.CAP_PROP_FPS) or 25
    capture.release()
    stem = osp.splitext(osp.basename(args.video))[0]
    earlier_clip = re.compile(re.escape(stem) + r'_\d{4}\.avi')
    frames, written, read = [], 0, 0
    try:
        with replace_on_success(args.out_dir,
                                earlier_clip.fullmatch) as staging:
            for frame in read_frames(args.video, checked.decodable,
                                     args.allow_truncated):
                read += 1
                if args.short_side:
                    h, w = frame.shape[:2]
                    scale = args.short_side / min(h, w)
                    frame = cv2.resize(
                        frame, (round(w * scale), round(h * scale)),
                        interpolation=cv2.INTER_AREA)
                frames.append(frame)
                if len(frames) == args.clip_frames:
                    clip = osp.join(staging, f'{stem}_{written:04d}.avi')
                    # FFmpeg logs a failed write instead of raising
                    with captured_native_stderr() as logged:
                        write_video(
                            clip,
                            np.ascontiguousarray(np.stack(frames)[..., ::-1]),
                            fps=round(fps),
                            scale=1)
                    check_written_video(clip, args.clip_frames, logged)
                    frames, written = [], written + 1
            if written == 0:
                raise VideoDataError(
                    f'{args.video} has fewer than {args.clip_frames} '
                    'readable frames')
    except WriteError as error:
        sys.exit(f'{TOOL}: error: {error}')
    print(f'{written} clips of {args.clip_frames} frames written to '
          f'{args.out_dir}')
    if read < checked.claimed - checked.empty:
        print(
            f'{TOOL}: warning: {args.video}: only {read} of its '
            f'{checked.claimed - checked.empty} frames decode; clips cut from '
            'those (--allow-truncated)',
            file=sys.stderr)


if __name__ == '__main__':
    run_tool(main)
