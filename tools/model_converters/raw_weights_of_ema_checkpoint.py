"""The raw (not averaged) weights of a checkpoint that MMEngine's EMAHook
saved: its ``state_dict`` holds the moving average, ``ema_state_dict`` the
raw weights (``module.``-prefixed). Writes them as a checkpoint of their
own that every reader of this package loads (``tools/test.py``,
``StrictPretrained``, the generation API):

    python tools/model_converters/raw_weights_of_ema_checkpoint.py \\
        work_dirs/vosgan_relu-reuse_2400i_sprites/iter_1800.pth \\
        raw_iter_1800.pth
"""
import argparse
import os.path as osp

from vosgan_mm.utils import (CheckpointError, load_from_local_file,
                             save_checkpoint_atomically)
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


def raw_weights(checkpoint: dict, filename: str) -> dict:
    """The raw weights under ``ema_state_dict``, without the prefix."""
    if 'ema_state_dict' not in checkpoint:
        raise CheckpointError(
            f'{filename} has no "ema_state_dict": it was not saved with '
            'EMAHook, its state_dict holds the raw weights already')
    prefix = 'module.'
    return {
        key[len(prefix):]: value
        for key, value in checkpoint['ema_state_dict'].items()
        if key.startswith(prefix)
    }


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description='Raw weights of a checkpoint saved with EMAHook')
    parser.add_argument('checkpoint', help='checkpoint saved with EMAHook')
    parser.add_argument('out', help='file to write')
    add_debug_argument(parser)
    return parser


def main():
    args = build_parser().parse_args()
    if osp.exists(args.out) and osp.samefile(args.out, args.checkpoint):
        raise CheckpointError(
            f'{args.out} is the checkpoint to convert; name a new file')
    checkpoint = load_from_local_file(args.checkpoint, map_location='cpu')
    weights = raw_weights(checkpoint, args.checkpoint)
    # written whole or not at all: a full disk never leaves half a file
    save_checkpoint_atomically(
        dict(meta=checkpoint.get('meta', {}), state_dict=weights), args.out)
    print(f'{len(weights)} raw weights written to {args.out}')


if __name__ == '__main__':
    run_tool(main)
