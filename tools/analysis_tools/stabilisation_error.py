"""How well ``StabiliseClip`` removes the camera's motion, against the
truth the photo-scene renderer knows, at several RANSAC iteration caps:
the cap sets the transform's cost (every fit runs to it), so a lower cap
is worth taking only where it aligns as well.

For each clip of a photo-scene split, each frame's estimated homography
onto the middle frame is compared with the true one
(:func:`~vosgan_mm.datasets.photo_scenes.true_stabilisation` of the
renderer's camera maps): the mean distance in pixels between where the two
put the frame's pixels, averaged over the clip's other frames. Printed per
cap: its mean, median, 90th percentile and maximum over clips, and seconds
per clip of the whole transform (flow included; only a figure to quote on
an otherwise idle machine). "no stabilisation" is the error of leaving the
clip as it is. OpenCV's RANSAC draws its samples from a generator of its
own with a fixed seed, so a run repeats, and a lower cap tries the first of
the hypotheses a higher cap tries.

    python tools/analysis_tools/stabilisation_error.py \
        [--seed 16] [--scenario all] [--num-clips 60] \
        [--caps 100 200 500 2000] [--out stabilisation_error.json]
"""
import argparse
import json
import shlex
import sys
import time

import numpy as np

from vosgan_mm.datasets import PhotoSceneSegmentationDataset
from vosgan_mm.datasets.photo_scenes import (SCENARIOS,
                                             render_photo_scene_clip,
                                             true_stabilisation)
from vosgan_mm.datasets.transforms import StabiliseClip
from vosgan_mm.models.flow.global_motion import (OPENCV_RANSAC_MAX_ITERS,
                                                 homography_distance)
from vosgan_mm.utils.tool_errors import (add_debug_argument, positive_int,
                                         run_tool)


def parse_args():
    parser = argparse.ArgumentParser(
        description='Error of StabiliseClip against the true camera motion '
        'of photo-scene clips, per RANSAC iteration cap')
    parser.add_argument(
        '--seed',
        type=int,
        default=16,
        help='seed of the split (default: %(default)s, the validation '
        'clips; 10 is the training clips)')
    parser.add_argument(
        '--scenario',
        default='all',
        choices=sorted(SCENARIOS),
        help='which factors are on (default: %(default)s)')
    parser.add_argument(
        '--num-clips',
        type=positive_int,
        default=60,
        help='clips of the split, from the first (default: %(default)s)')
    parser.add_argument(
        '--caps',
        type=positive_int,
        nargs='+',
        default=[100, 200, 500, OPENCV_RANSAC_MAX_ITERS],
        help='RANSAC iteration caps (default: %(default)s)')
    parser.add_argument(
        '--out', help='write the figures as JSON here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def clip_error(estimate: np.ndarray, truth: np.ndarray, shape) -> float:
    """Mean over a clip's frames, the middle one left out (its map is the
    identity by construction), of the distance between the estimated and
    the true map onto the middle frame."""
    middle = len(truth) // 2
    return float(
        np.mean([
            homography_distance(e, t, shape)
            for f, (e, t) in enumerate(zip(estimate, truth)) if f != middle
        ]))


def summary(errors, seconds=None) -> dict:
    errors = np.asarray(errors)
    figures = dict(
        mean_px=float(errors.mean()),
        median_px=float(np.median(errors)),
        p90_px=float(np.percentile(errors, 90)),
        max_px=float(errors.max()))
    if seconds is not None:
        figures['seconds_per_clip'] = float(np.mean(seconds))
    return figures


def main():
    args = parse_args()
    split = PhotoSceneSegmentationDataset(
        num_clips=args.num_clips, seed=args.seed, scenario=args.scenario)
    stabilisers = {
        cap: StabiliseClip(ransac_max_iters=cap)
        for cap in args.caps
    }
    errors = {cap: [] for cap in args.caps}
    seconds = {cap: [] for cap in args.caps}
    unstabilised = []
    for index in range(args.num_clips):
        clip = render_photo_scene_clip(
            split.clip_seed(index),
            split.factors,
            max_objects=split.max_objects)
        truth = true_stabilisation(clip['camera_maps'])
        shape = clip['imgs'].shape[1:3]
        unstabilised.append(
            clip_error(np.tile(np.eye(3), (len(truth), 1, 1)), truth, shape))
        for cap, stabiliser in stabilisers.items():
            start = time.perf_counter()
            out = stabiliser(dict(imgs=list(clip['imgs'])))
            seconds[cap].append(time.perf_counter() - start)
            errors[cap].append(clip_error(out['stabilisation'], truth, shape))
    rows = {'no stabilisation': summary(unstabilised)}
    rows.update({
        f'ransac_max_iters={cap}': summary(errors[cap], seconds[cap])
        for cap in args.caps
    })
    print(f'{args.num_clips} photo-scene clips, seed {args.seed}, scenario '
          f'{args.scenario}: distance (px) between the estimated and the '
          'true map of each frame onto the middle frame')
    print('| stabilisation | mean | median | p90 | max | s/clip |')
    print('|---|---|---|---|---|---|')
    for name, row in rows.items():
        per_clip = row.get('seconds_per_clip')
        per_clip = '-' if per_clip is None else f'{per_clip:.3f}'
        print(f'| {name} | {row["mean_px"]:.3f} | {row["median_px"]:.3f} | '
              f'{row["p90_px"]:.3f} | {row["max_px"]:.3f} | {per_clip} |')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(
                dict(
                    command=shlex.join(['python', *sys.argv]),
                    seed=args.seed,
                    scenario=args.scenario,
                    num_clips=args.num_clips,
                    per_clip_errors_px={
                        str(cap): errors[cap]
                        for cap in args.caps
                    },
                    rows=rows),
                f,
                indent=1)


if __name__ == '__main__':
    run_tool(main)
