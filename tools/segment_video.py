"""Segment the moving foreground of any video.

    python tools/segment_video.py INPUT CONFIG CHECKPOINT [--out-dir DIR]
        [--prefix discriminator.] [--threshold 0.5]

INPUT is a video file or a folder of frames. Writes, in --out-dir,
masks/<frame>.png at the input resolution, mask.mp4 and overlay.mp4.
Long videos are processed shot by shot (32 frames). With a VOS-GAN
checkpoint, pass --prefix discriminator. to use its discriminator.
"""
import argparse
import os.path as osp

from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from vosgan_mm.apis import read_frames, segment_frames, write_segmentation
from vosgan_mm.registry import MODELS


def parse_args():
    parser = argparse.ArgumentParser(description='Segment a video')
    parser.add_argument('input', help='video file or folder of frames')
    parser.add_argument('config', help='segmentation config')
    parser.add_argument('checkpoint')
    parser.add_argument(
        '--prefix',
        help='sub-module of the checkpoint to '
        'load, e.g. "discriminator." for a GAN checkpoint')
    parser.add_argument('--out-dir', help='default: segmented/<input name>')
    parser.add_argument('--threshold', type=float, default=0.5)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
    cfg.model.init_cfg = dict(
        type='Pretrained', checkpoint=args.checkpoint, prefix=args.prefix)
    model = MODELS.build(cfg.model)
    model.init_weights()
    model.to(args.device).eval()

    frames, fps = read_frames(args.input)
    print(f'read {len(frames)} frames of {frames[0].shape[1]}x'
          f'{frames[0].shape[0]} from {args.input}')
    probs = segment_frames(model, frames)
    name = osp.splitext(osp.basename(osp.normpath(args.input)))[0]
    out_dir = args.out_dir or osp.join('segmented', name)
    written = write_segmentation(out_dir, frames, probs, args.threshold, fps)
    print(f'\nwrote {len(probs)} masks to {written["masks"]}, '
          f'{written["mask_video"]} and {written["overlay_video"]}')


if __name__ == '__main__':
    main()
