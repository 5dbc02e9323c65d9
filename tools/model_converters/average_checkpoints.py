"""Averages the weights of several checkpoints of one run into one
checkpoint that every reader of this package loads (``tools/test.py``,
``StrictPretrained``, the generation API). The README's longer sprite
recipe averages its last three checkpoints:

    W=work_dirs/vosgan_relu_3000i_sprites
    python tools/model_converters/average_checkpoints.py \\
        $W/iter_2400.pth $W/iter_2700.pth $W/iter_3000.pth \\
        --out $W/average_2400-3000.pth

Weights and batch norm's running statistics are averaged; counters come
from the last checkpoint named. A checkpoint saved with EMAHook holds the
moving average in its ``state_dict``, and that is what is averaged.
"""
import argparse
import os.path as osp

from vosgan_mm.utils import (CheckpointError, average_weights,
                             load_from_local_file,
                             save_checkpoint_atomically, weights_of)
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (also through links)."""
    if osp.exists(a) and osp.exists(b):
        return osp.samefile(a, b)
    return osp.abspath(a) == osp.abspath(b)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description='Average the weights of checkpoints of one run')
    parser.add_argument(
        'checkpoints', nargs='+', help='checkpoints, oldest first')
    parser.add_argument(
        '--out',
        required=True,
        help='file to write, never one of the checkpoints '
        '(default: none, required)')
    add_debug_argument(parser)
    return parser


def main():
    args = build_parser().parse_args()
    if any(same_file(args.out, name) for name in args.checkpoints):
        raise CheckpointError(
            f'--out {args.out} is one of the checkpoints to average; '
            'name a new file')
    if len(args.checkpoints) < 2:
        raise CheckpointError('average_checkpoints needs two checkpoints '
                              f'or more, got {args.checkpoints[0]} alone')
    loaded = [
        load_from_local_file(name, map_location='cpu')
        for name in args.checkpoints
    ]
    weights = average_weights([
        weights_of(ckpt, name) for ckpt, name in zip(loaded, args.checkpoints)
    ], args.checkpoints)
    meta = dict(loaded[-1].get('meta', {}), averaged_from=args.checkpoints)
    # written whole or not at all: a full disk never leaves half a file
    save_checkpoint_atomically(dict(meta=meta, state_dict=weights), args.out)
    print(f'the average of {len(args.checkpoints)} checkpoints '
          f'({len(weights)} tensors) written to {args.out}')


if __name__ == '__main__':
    run_tool(main)
