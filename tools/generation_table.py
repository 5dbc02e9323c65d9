"""Print the paper's Table 4 layout (FCD, MC, IS) for several trained GANs
and for real videos, measured with each config's generation metrics.

    python tools/generation_table.py \
        VOS-GAN=configs/vosgan_demo.py:work_dirs/vosgan_demo/iter_900.pth \
        VGAN=configs/vgan_demo.py:work_dirs/vgan_demo/iter_900.pth \
        [--work-dir work_dirs/table4] [--json table4.json]

The real-videos row compares the first config's test clips with a second set
of real clips of the same data set.
"""
import argparse
import json
import os
import os.path as osp

from mmengine.config import DictAction

from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.evaluation import run_generation_table


def parse_args():
    parser = argparse.ArgumentParser(description='Table 4 of the paper')
    parser.add_argument('entries', nargs='+', help='NAME=CONFIG:CHECKPOINT')
    parser.add_argument('--work-dir', default='work_dirs/generation_table')
    parser.add_argument('--json', help='default: <work-dir>/table4.json')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='merged into every config, e.g. '
        'test_dataloader.dataset.num_clips=64')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    entries = []
    for text in args.entries:
        name, sep, rest = text.partition('=')
        config, sep2, checkpoint = rest.rpartition(':')
        if not (sep and sep2):
            raise SystemExit(f'expected NAME=CONFIG:CHECKPOINT, got "{text}"')
        entries.append(dict(name=name, config=config, checkpoint=checkpoint))
    table = run_generation_table(entries, args.work_dir, args.cfg_options)
    print(table['markdown'])
    out = args.json or osp.join(args.work_dir, 'table4.json')
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(table, f, indent=2)
    print(f'written to {out}')


if __name__ == '__main__':
    run_tool(main)
