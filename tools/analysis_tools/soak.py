"""Soak test: a long training run that records memory, open files and the
flow cache, to show none of them grows.

    python tools/analysis_tools/soak.py CONFIG [--iters 3000] [--every 250]
        [--cfg-options ...]

Data loads in the training process (num_workers=0) so its flow cache is
measured; checkpoints are written every --checkpoint-every iterations.
"""
import argparse
import json
import os.path as osp
import tempfile

from vosgan_mm.engine import ResourceMonitorHook
from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import read_config
from vosgan_mm.utils.tool_arguments import add_config_arguments
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    parser = argparse.ArgumentParser(description='Soak test')
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--iters',
        type=int,
        default=3000,
        help='training iterations (default: %(default)s)')
    parser.add_argument(
        '--every',
        type=int,
        default=250,
        help='iterations between recordings and log lines '
        '(default: %(default)s)')
    parser.add_argument(
        '--checkpoint-every',
        type=int,
        default=500,
        help='iterations between checkpoints (default: %(default)s)')
    parser.add_argument(
        '--work-dir',
        help='where logs, checkpoints and soak.json go '
        '(default: a new temporary folder)')
    add_config_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = read_config(args.config, args.cfg_options)
    cfg.work_dir = args.work_dir or tempfile.mkdtemp(prefix='soak_')
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=args.iters)
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    cfg.default_hooks.checkpoint = dict(
        type='AtomicCheckpointHook',
        by_epoch=False,
        interval=args.checkpoint_every,
        max_keep_ckpts=2)
    cfg.default_hooks.logger.interval = args.every
    cfg.custom_hooks = []
    runner = RUNNERS.build(cfg)
    monitor = ResourceMonitorHook(interval=args.every)
    runner.register_hook(monitor)
    runner.train()
    print('| iter | RSS (MiB) | open files | flow cache (MiB) |')
    print('|---|---|---|---|')
    for r in monitor.records:
        print(f'| {r["iter"]} | {r["rss_mib"]:.1f} | {r["open_files"]} | '
              f'{r["flow_cache_mib"]:.1f} |')
    with open(osp.join(cfg.work_dir, 'soak.json'), 'w') as f:
        json.dump(monitor.records, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
