"""Time PyTorch's 3D transposed convolution against ``ParityConvTranspose3d``
(the same layer computed over output parities) for layers of kernel 4,
stride 2 and padding 1: the forward pass without gradient, and forward and
backward together; and the largest difference of their outputs.

    python tools/analysis_tools/benchmark_parity_heads.py [--batch 8]
        [--input 16 32 32] [--channels 16:3 16:1 32:16 64:32] [--repeats 10]
        [--json out.json]

The default shapes are the quarter-width sprite recipe's: its
full-resolution heads (16 to 3 and 16 to 1 channels from 16 x 32 x 32
features) and two wider layers for contrast (their inputs halved in each
dimension per doubling of the channels, as in the networks).
"""

import argparse
import json
import time

import torch
import torch.nn as nn

from vosgan_mm.models import ParityConvTranspose3d
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


def seconds_per_call(layer, x, repeats: int, backward: bool) -> float:

    def call():
        if backward:
            layer(x).sum().backward()
        else:
            with torch.no_grad():
                layer(x)

    for _ in range(2):
        call()
    start = time.perf_counter()
    for _ in range(repeats):
        call()
    return (time.perf_counter() - start) / repeats


def compare(c_in: int, c_out: int, batch: int, size, repeats: int) -> dict:
    torch.manual_seed(0)
    plain = nn.ConvTranspose3d(c_in, c_out, 4, 2, 1)
    parity = ParityConvTranspose3d(c_in, c_out, 4, 2, 1)
    parity.load_state_dict(plain.state_dict())
    x = torch.randn(batch, c_in, *size, requires_grad=True)
    with torch.no_grad():
        difference = (parity(x) - plain(x)).abs().max().item()
    row = dict(
        input=[batch, c_in, *size],
        out_channels=c_out,
        max_abs_difference=difference)
    for name, layer in (('plain', plain), ('parity', parity)):
        for backward in (False, True):
            key = f'{name}_{"forward_backward" if backward else "forward"}_ms'
            row[key] = 1e3 * seconds_per_call(layer, x, repeats, backward)
    return row


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--batch',
        type=int,
        default=8,
        help='inputs per batch (default: %(default)s)')
    parser.add_argument(
        '--input',
        type=int,
        nargs=3,
        default=[16, 32, 32],
        help='T H W of the 16-channel input, in frames and pixels; wider '
        'layers get it halved per doubling of the channels '
        '(default: 16 32 32)')
    parser.add_argument(
        '--channels',
        nargs='+',
        default=['16:3', '16:1', '32:16', '64:32'],
        help='in:out channel pairs (default: 16:3 16:1 32:16 64:32)')
    parser.add_argument(
        '--repeats',
        type=int,
        default=10,
        help='timed calls per layer, after 2 untimed ones '
        '(default: %(default)s)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    rows = []
    for pair in args.channels:
        c_in, c_out = (int(v) for v in pair.split(':'))
        shrink = max(1, c_in // 16)
        size = [max(1, s // shrink) for s in args.input]
        row = compare(c_in, c_out, args.batch, size, args.repeats)
        rows.append(row)
        print(f'{c_in:>4} -> {c_out:<3} in {"x".join(map(str, row["input"]))}:'
              f' forward {row["plain_forward_ms"]:.1f} ms (PyTorch) / '
              f'{row["parity_forward_ms"]:.1f} ms (parity); forward + '
              f'backward {row["plain_forward_backward_ms"]:.1f} / '
              f'{row["parity_forward_backward_ms"]:.1f} ms; outputs differ '
              f'by {row["max_abs_difference"]:.1e}')
    print(f'({torch.get_num_threads()} threads, mean of {args.repeats} '
          'calls after 2)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(rows, f, indent=1)


if __name__ == '__main__':
    run_tool(main)
