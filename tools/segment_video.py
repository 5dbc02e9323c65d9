"""Segment the moving foreground of any video.

    python tools/segment_video.py INPUT CONFIG [CHECKPOINT] [--out-dir DIR]
        [--prefix discriminator.] [--threshold 0.5 | otsu] [--max-side N]
        [--allow-truncated]

INPUT is a video file or a folder of frames. Writes, in --out-dir,
masks/<frame>.png at the input resolution, mask.mp4 (the same) and
overlay.mp4 (at the segmenting size). The video is read, segmented and
written shot by shot (32 frames), so memory does not grow with its length;
--max-side N segments frames scaled down to a longest side of N (the masks
are scaled back, nearest), so that it does not grow with their size
either. A video that does not decode to its end (a truncated copy), frames
of different sizes, or a single frame are errors before anything is
written; --allow-truncated segments the frames that decode instead. The
outputs are written into a hidden folder and replace an earlier run's only
once all of them are written and decode: a run that fails (a damaged
frame, a full disk) leaves nothing behind. With a VOS-GAN checkpoint, pass
--prefix discriminator. to use its discriminator. Without CHECKPOINT the
config's model is used as it is: the flow baseline
(configs/segmentation/flow_baseline_videos.py, no weights), or a model
whose init_cfg names its checkpoint.
"""
import argparse
import os.path as osp
import sys

from vosgan_mm.apis import FrameSource, segment_video
from vosgan_mm.apis.segmentation import (MIN_FRAME_SIDE, check_threshold,
                                         load_segmenter, segmenting_size)
from vosgan_mm.datasets.output_files import WriteError
from vosgan_mm.datasets.video_decoding import TruncatedVideoError
from vosgan_mm.utils import OTSU
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool

TOOL = osp.basename(__file__)


def threshold_argument(text: str):
    """``'otsu'`` as it is, anything else as a number."""
    if text == OTSU:
        return text
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'must be a number between 0 and 1 or "otsu", got {text!r}')


def parse_args():
    parser = argparse.ArgumentParser(description='Segment a video')
    parser.add_argument('input', help='video file or folder of frames')
    parser.add_argument('config', help='segmentation config')
    parser.add_argument(
        'checkpoint',
        nargs='?',
        help='weights to load (default: the config\'s own init_cfg, or none '
        'for the flow baseline)')
    parser.add_argument(
        '--prefix',
        help='sub-module of the checkpoint to load, e.g. "discriminator." '
        'for a GAN checkpoint (default: none, the whole checkpoint)')
    parser.add_argument(
        '--out-dir',
        help='where the masks and videos are written '
        '(default: segmented/<input name>)')
    parser.add_argument(
        '--threshold',
        type=threshold_argument,
        default=0.5,
        help='foreground where the probability is above it, in [0, 1], or '
        '"otsu" for Otsu\'s threshold of each frame\'s map, a label-free '
        'choice for footage with no masks to choose a number on '
        '(default: %(default)s)')
    parser.add_argument(
        '--max-side',
        type=int,
        help='segment frames scaled down to this longest side, in pixels '
        '(masks scaled back to the input size); bounds memory on large '
        'frames (default: none, the input size)')
    parser.add_argument(
        '--allow-truncated',
        action='store_true',
        help='segment the frames that decode of a truncated or damaged '
        'input (default: refuse it)')
    parser.add_argument(
        '--device',
        default='cpu',
        help='where the model runs, e.g. cuda:0 (default: %(default)s)')
    add_config_arguments(parser)
    args = parser.parse_args()
    # one line each, before anything is read
    try:
        check_threshold(args.threshold)  # NaN too: it would give empty masks
    except ValueError as error:
        parser.exit(2, f'{parser.prog}: error: --{error}\n')
    if args.max_side is not None and args.max_side < MIN_FRAME_SIDE:
        parser.exit(
            2, f'{parser.prog}: error: --max-side must be at least '
            f'{MIN_FRAME_SIDE}, got {args.max_side}\n')
    return args


def main():
    args = parse_args()
    cfg = config_from_args(args)
    try:
        source = FrameSource(args.input, args.allow_truncated)
    except TruncatedVideoError as error:
        raise TruncatedVideoError(
            f'{error}; --allow-truncated segments the {error.decodable} '
            'that decode', error.decodable) from error
    model, weights = load_segmenter(cfg.model, args.checkpoint, args.prefix,
                                    args.device)
    print(weights)

    height, width = source.size
    work = segmenting_size(source.size, args.max_side)
    at = f' at {work[1]}x{work[0]}' if work != source.size else ''
    print(f'segmenting {source.num_frames} frames of {width}x{height}{at} '
          f'from {args.input}')
    name = osp.splitext(osp.basename(osp.normpath(args.input)))[0]
    out_dir = args.out_dir or osp.join('segmented', name)
    try:
        written = segment_video(
            model, source, out_dir, args.threshold, max_side=args.max_side)
    except WriteError as error:
        sys.exit(f'{TOOL}: error: {error}')
    finally:
        print()  # ends the progress bar's line, before any error's
    print(f'wrote {written["num_frames"]} masks to {written["masks"]}, '
          f'{written["mask_video"]} and {written["overlay_video"]}')
    if written['num_frames'] < source.expected_frames:
        print(
            f'{TOOL}: warning: {args.input}: only {written["num_frames"]} of '
            f'its {source.expected_frames} frames decode; masks written for '
            'those (--allow-truncated)',
            file=sys.stderr)


if __name__ == '__main__':
    run_tool(main)
