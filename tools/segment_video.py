"""Segment the moving foreground of any video.

    python tools/segment_video.py INPUT CONFIG [CHECKPOINT] [--out-dir DIR]
        [--prefix discriminator.] [--threshold 0.5]

INPUT is a video file or a folder of frames. Writes, in --out-dir,
masks/<frame>.png at the input resolution, mask.mp4 and overlay.mp4.
The video is read, segmented and written shot by shot (32 frames), so
memory does not grow with its length; a video that does not decode to the
end, or frames of different sizes, are errors before anything is written.
With a VOS-GAN checkpoint, pass --prefix discriminator. to use its
discriminator. Without CHECKPOINT the config's model is used as it is: the
flow baseline (configs/segmentation/flow_baseline_videos.py, no weights), or
a model whose init_cfg names its checkpoint.
"""
import argparse
import os.path as osp

from mmengine.config import DictAction
from mmengine.registry import init_default_scope

from vosgan_mm.apis import FrameSource, segment_video
from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.registry import MODELS
from vosgan_mm.utils import read_config


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
        help='sub-module of the checkpoint to '
        'load, e.g. "discriminator." for a GAN checkpoint')
    parser.add_argument('--out-dir', help='default: segmented/<input name>')
    parser.add_argument('--threshold', type=float, default=0.5)
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = read_config(args.config, args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
    if args.checkpoint is not None:
        cfg.model.init_cfg = dict(
            type='StrictPretrained',
            checkpoint=args.checkpoint,
            prefix=args.prefix)
    source = FrameSource(args.input)
    model = MODELS.build(cfg.model)
    model.init_weights()
    model.to(args.device).eval()

    height, width = source.size
    print(f'segmenting {source.num_frames} frames of {width}x{height} from '
          f'{args.input}')
    name = osp.splitext(osp.basename(osp.normpath(args.input)))[0]
    out_dir = args.out_dir or osp.join('segmented', name)
    written = segment_video(model, source, out_dir, args.threshold)
    print(f'\nwrote {written["num_frames"]} masks to {written["masks"]}, '
          f'{written["mask_video"]} and {written["overlay_video"]}')


if __name__ == '__main__':
    run_tool(main)
