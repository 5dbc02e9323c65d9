"""Write sample videos of a trained GAN.

    python tools/generate.py CONFIG CHECKPOINT [--out-dir DIR]
        [--num-videos 8] [--num-variations 4] [--seed 0] [--fps 8]
        [--device cpu]

Writes samples.{mp4,gif} (video | mask | background | foreground per row)
and the two disentanglement views of the paper's Fig. 1:
fixed_scene.{mp4,gif} (one z_C per row, z_M varied along the row) and
fixed_motion.{mp4,gif} (one z_M per row, z_C varied).
"""
import argparse
import os.path as osp

from vosgan_mm.apis import load_gan, write_sample_sheets
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import positive_int, run_tool


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description='Sample a trained GAN')
    parser.add_argument('config', help='config of the GAN')
    parser.add_argument('checkpoint', help='checkpoint of the GAN')
    parser.add_argument(
        '--out-dir',
        help='where the sheets are written (default: beside the '
        'checkpoint, in generated/<checkpoint name>)')
    parser.add_argument(
        '--num-videos',
        type=positive_int,
        default=8,
        help='rows of each sheet (default: %(default)s)')
    parser.add_argument(
        '--num-variations',
        type=positive_int,
        default=4,
        help='columns of the fixed-scene and fixed-motion sheets (default: '
        '%(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the latent codes (default: %(default)s)')
    parser.add_argument(
        '--fps',
        type=positive_int,
        default=8,
        help='frames a second of the written videos (default: %(default)s)')
    parser.add_argument(
        '--device',
        default='cpu',
        help='device the GAN runs on (default: %(default)s)')
    add_config_arguments(parser)
    return parser


def parse_args():
    return build_parser().parse_args()


def main():
    args = parse_args()
    cfg = config_from_args(args)
    out_dir = args.out_dir or osp.join(
        osp.dirname(args.checkpoint), 'generated',
        osp.splitext(osp.basename(args.checkpoint))[0])
    model = load_gan(cfg, args.checkpoint, args.device)
    written = write_sample_sheets(model, out_dir, args.num_videos,
                                  args.num_variations, args.seed, args.fps)
    for name, paths in written.items():
        print(f'{name}: {", ".join(paths)}')


if __name__ == '__main__':
    run_tool(main)
