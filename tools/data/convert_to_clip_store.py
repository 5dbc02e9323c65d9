"""Decode a data set once into a clip store: the frames its training
pipeline loads (cut and resized to training resolution, before the flow
target), as uint8 in memory-mapped shards with an index, which
``ClipStoreDataset`` reads far faster than the files can be decoded (see
configs/vosgan/vosgan_25e_golf-clip-store-device-flow.py).

    python tools/data/convert_to_clip_store.py configs/vosgan_golf.py \
        data/golf/clips_64 [--workers 8] [--shard-clips 4096] \
        [--max-clips N] [--skip-bad] [--check 64] [--overwrite] \
        [--cfg-options ...]
    python tools/data/convert_to_clip_store.py configs/vosgan_golf.py \
        data/golf/clips_64 --check-only [--check 0]

Clips a loading rule drops (golf strips under 16 frames) are left out and
listed in the index with the reason; a clip that fails to load stops the
conversion with an error naming its file, unless --skip-bad leaves it out
too. The index is written last: a folder without one is an unfinished
store. A folder with a finished store is refused, unless --overwrite:
then the new store is written beside it and replaces it only once whole
(a failed conversion leaves the old one as it was). Then --check N clips
(drawn at random; 0: all) are decoded from the source again and compared
with the store, byte for byte. A 32x64x64 clip takes 384 KiB: VGAN's
600,000 golf clips take about 220 GiB.
"""
import argparse
import time

from vosgan_mm.datasets.clip_store_conversion import (check_clip_store,
                                                      convert_to_clip_store)
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import (non_negative_int, positive_int,
                                         run_tool)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description='decode a data set once into a clip store')
    parser.add_argument('config', help='its train_dataloader.dataset')
    parser.add_argument(
        'out',
        help='the store folder (new, or its store replaced with '
        '--overwrite)')
    parser.add_argument(
        '--workers',
        type=non_negative_int,
        default=0,
        help='decoding processes, 0: the main process '
        '(default: %(default)s)')
    parser.add_argument(
        '--shard-clips',
        type=positive_int,
        default=4096,
        help='clips per shard file (default: %(default)s)')
    parser.add_argument(
        '--max-clips',
        type=positive_int,
        help='convert the first N clips only (default: all)')
    parser.add_argument(
        '--skip-bad',
        action='store_true',
        help='leave out clips that fail to load instead of stopping '
        '(default: stop)')
    parser.add_argument(
        '--check',
        type=non_negative_int,
        default=64,
        help='clips decoded again and compared, 0: all '
        '(default: %(default)s)')
    parser.add_argument(
        '--check-only',
        action='store_true',
        help='check an existing store, write nothing (default: convert, '
        'then check)')
    parser.add_argument(
        '--overwrite',
        action='store_true',
        help='replace a store already in OUT, once the new one is whole '
        '(default: refused)')
    add_config_arguments(parser)
    return parser


def parse_args():
    return build_parser().parse_args()


def main():
    args = parse_args()
    cfg = config_from_args(args)
    dataset_cfg = cfg.train_dataloader.dataset.to_dict()
    if not args.check_only:
        start = time.perf_counter()

        def progress(done, total):
            if done % 1000 == 0 or done == total:
                rate = done / (time.perf_counter() - start)
                print(f'{done}/{total} clips ({rate:.0f}/s)', flush=True)

        index = convert_to_clip_store(
            dataset_cfg,
            args.out,
            clips_per_shard=args.shard_clips,
            workers=args.workers,
            max_clips=args.max_clips,
            skip_bad=args.skip_bad,
            progress=progress,
            source=dict(config=args.config, dataset=dataset_cfg),
            overwrite=args.overwrite)
        print(f'{args.out}: {len(index["clip_ids"])} clips of '
              f'{index["clip_shape"]} in {len(index["shards"])} shards, '
              f'{len(index["left_out"])} left out')
    checked = check_clip_store(dataset_cfg, args.out, args.check)
    print(f'{args.out}: {checked["clips_checked"]} of '
          f'{checked["num_clips"]} clips equal their source')


if __name__ == '__main__':
    run_tool(main)
