"""Publish the train/test split of a segmentation data set without one.

    python tools/data/write_segmentation_split.py CONFIG --out FILE \
        [--train-ratio 0.7] [--seed 0]

Lists the videos of CONFIG's test data set (e.g. SegTrack v2 or F4K-Fish
frame/mask folders), splits them 70/30 by video with a fixed seed, as the
paper did, and writes {"train": [...], "val": [...]} to FILE. Configs read
it with ``split_file``, so that results do not move with the seed or with
the videos at hand; print and publish it with the results.
"""
import argparse
import json
import os
import os.path as osp

from vosgan_mm.datasets import split_by_video
from vosgan_mm.registry import DATASETS
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    parser = argparse.ArgumentParser(description='Write a video split')
    parser.add_argument('config', help='config whose test set is split')
    parser.add_argument(
        '--out',
        required=True,
        help='JSON file to write (default: none, required)')
    parser.add_argument(
        '--train-ratio',
        type=float,
        default=0.7,
        help='share of the videos in the train list (default: %(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the split (default: %(default)s)')
    add_config_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = config_from_args(args)
    dataset_cfg = dict(cfg.test_dataloader.dataset)
    dataset_cfg.update(split='all', split_file=None, pipeline=[])
    dataset = DATASETS.build(dataset_cfg)
    names = sorted({
        dataset.get_data_info(i)['sequence']
        for i in range(len(dataset))
    })
    split = split_by_video(names, args.train_ratio, args.seed)
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(split, f, indent=1)
    for subset in ('train', 'val'):
        print(f'{subset} ({len(split[subset])}): '
              f'{", ".join(split[subset])}')
    print(f'written to {args.out}')


if __name__ == '__main__':
    run_tool(main)
