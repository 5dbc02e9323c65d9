"""Flow statistics of a config's training clips, at training resolution,
and the ``OF()`` scale (``max_displacement``) they suggest.

    python tools/analysis_tools/flow_statistics.py \
        configs/vosgan/vosgan_900i_sprites.py
    python tools/analysis_tools/flow_statistics.py \
        configs/vosgan/vosgan_25e_videos.py --num-clips 64 \
        --out flow_stats.json
"""
import argparse
import json

from vosgan_mm.evaluation.video_statistics import (FLOW_PERCENTILES,
                                                   data_set_flow_statistics,
                                                   recommended_max_displacement
                                                   )
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    parser = argparse.ArgumentParser(
        description='Percentiles of |flow| per pixel of the training clips '
        'and the max_displacement of OF() they suggest')
    parser.add_argument('config', help='GAN config')
    parser.add_argument(
        '--num-clips',
        type=int,
        default=64,
        help='clips, spread evenly over the data set '
        '(default: %(default)s)')
    parser.add_argument(
        '--out', help='write the figures as JSON here (default: none)')
    add_config_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = config_from_args(args)
    stats = data_set_flow_statistics(
        cfg.train_dataloader.dataset, args.num_clips, progress=True)
    stats['recommended_max_displacement'] = recommended_max_displacement(stats)
    current = cfg.model.get('flow_target', {}).get('max_displacement')
    print(f'{stats["num_clips"]} clips of {args.config}, '
          f'{stats["frame_shape"]} frames:')
    print('| percentile | |flow| (px) | |x|, |y| (px) |')
    print('|---|---|---|')
    for q in FLOW_PERCENTILES:
        print(f'| {q:g} | {stats[f"magnitude_p{q:g}"]:.3f} | '
              f'{stats[f"component_p{q:g}"]:.3f} |')
    print(f'mean |flow| {stats["magnitude_mean"]:.3f} px; '
          f'{100 * stats["moving_pixel_share"]:.1f}% of pixels move more '
          'than 0.5 px per frame')
    print(f'recommended max_displacement: '
          f'{stats["recommended_max_displacement"]:g} px (the 99.9th '
          'percentile of |x| and |y|, rounded up to 0.5 px); the config '
          f'has {current}')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(stats, f, indent=1)


if __name__ == '__main__':
    run_tool(main)
