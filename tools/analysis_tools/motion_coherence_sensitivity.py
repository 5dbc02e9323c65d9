"""How much MC depends on two choices the paper leaves open: the direction
of the KL divergence and the smoothing of empty histogram bins (with the
symmetric Jensen-Shannon divergence beside them).

    python tools/analysis_tools/motion_coherence_sensitivity.py \
        configs/vosgan/vosgan_relu-reuse_2400i_sprites.py \
        [work_dirs/vosgan_sprites_seed0/iter_2400.pth] [--num-clips 256] \
        [--json motion_coherence_sensitivity.json]

The real histogram is that of the config's test clips. It is compared
with the flow histograms of:

- ``generated``: with a checkpoint, the GAN's videos, one per test clip as
  ``tools/test.py`` makes them;
- ``real (next seed)``: a second set of real clips, the test data set with
  its seed plus one (as the real-videos row of
  ``tools/analysis_tools/generation_table.py``): what a generator that had
  learnt the data set's motion would score;
- ``still``: those clips frozen on their first frame (no motion at all);
- ``random``: uniform noise videos (motion everywhere, in every direction).

MC is measured with each divergence at smoothing 1e-10 (the metric's
default), 1e-6 and 1e-3, with the flow and bins of the config's
MotionCoherence entry.
"""
import argparse
import copy
import json
import sys
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from vosgan_mm.apis import load_gan
from vosgan_mm.evaluation import MotionCoherence
from vosgan_mm.models import RealVideoSource
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool

SMOOTHINGS = (1e-10, 1e-6, 1e-3)
DIVERGENCE_NAMES = dict(
    kl_real_generated='KL(real || videos)',
    kl_generated_real='KL(videos || real)',
    js='JS(real, videos)')


def parse_args():
    parser = argparse.ArgumentParser(
        description='MC under both KL directions, Jensen-Shannon and '
        'several smoothings, for a GAN and for reference video sets')
    parser.add_argument('config', help='GAN config (its test clips)')
    parser.add_argument(
        'checkpoint',
        nargs='?',
        help='GAN checkpoint (default: none, only the reference sets)')
    parser.add_argument(
        '--num-clips',
        type=int,
        help='the first N test clips (default: the whole test set)')
    parser.add_argument(
        '--json', help='also write the table here (default: none)')
    add_config_arguments(parser)
    return parser.parse_args()


def motion_coherence_entry(cfg: Config) -> dict:
    """The config's MotionCoherence settings (the defaults if it has
    none), without type, prefix, divergence and smoothing."""
    evaluators = cfg.get('test_evaluator') or []
    if not isinstance(evaluators, list):
        evaluators = [evaluators]
    entry = next((e for e in evaluators if e.get('type') == 'MotionCoherence'),
                 {})
    return {
        k: v
        for k, v in entry.items()
        if k not in ('type', 'prefix', 'divergence', 'smoothing')
    }


def next_seed(dataset: dict) -> dict:
    """The data set with its seed plus one: other clips of the same kind."""
    if 'seed' not in dataset:
        raise ValueError(
            'the second set of real clips is the test data set with the next '
            'seed: its config has no seed (use the embedded sprite or '
            'photo-scene videos)')
    other = copy.deepcopy(dataset)
    other['seed'] = other['seed'] + 1
    return other


def still(video: torch.Tensor) -> torch.Tensor:
    """(3, T, H, W) -> its first frame repeated T times."""
    return video[:, :1].expand_as(video).contiguous()


def noise(video: torch.Tensor, seed: int) -> torch.Tensor:
    """Uniform uint8 noise of the shape of ``video``."""
    rng = np.random.default_rng(seed)
    return torch.from_numpy(
        rng.integers(0, 256, tuple(video.shape), dtype=np.uint8))


@torch.no_grad()
def flow_histograms(
        cfg: Config, checkpoint: Optional[str], num_clips: Optional[int],
        metric: MotionCoherence) -> Tuple[Dict[str, np.ndarray], int]:
    """Summed flow histograms of the test clips (``real``) and of each
    compared video set, and the number of test clips."""
    init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
    loader_cfg = copy.deepcopy(cfg.test_dataloader)
    if num_clips:
        loader_cfg.dataset.indices = num_clips
    second = RealVideoSource(dataset=next_seed(cfg.test_dataloader.dataset))
    gan = load_gan(cfg, checkpoint) if checkpoint else None
    totals: Dict[str, np.ndarray] = {}
    clips = 0

    def add(name: str, video: torch.Tensor) -> None:
        totals[name] = totals.get(name, 0) + metric.video_histogram(video)

    for batch in Runner.build_dataloader(loader_cfg, seed=0):
        if gan is not None:
            for sample in gan.test_step(batch):
                add('generated', sample['fake_video'])
        for sample in second.test_step(batch):
            clips += 1
            add('real', sample['real_video'])
            add('real (next seed)', sample['fake_video'])
            add('still', still(sample['fake_video']))
            add('random', noise(sample['fake_video'], sample['sample_idx']))
    return totals, clips


def sensitivity_table(histograms: Dict[str, np.ndarray],
                      mc_settings: dict) -> List[dict]:
    """One row per divergence and smoothing: MC of each video set."""
    real = histograms['real']
    rows = []
    for divergence in MotionCoherence.divergences:
        for smoothing in SMOOTHINGS:
            metric = MotionCoherence(
                **mc_settings, divergence=divergence, smoothing=smoothing)
            rows.append(
                dict(
                    divergence=divergence,
                    smoothing=smoothing,
                    **{
                        name: metric.compare(real, hist)
                        for name, hist in histograms.items() if name != 'real'
                    }))
    return rows


def empty_bins(histograms: Dict[str, np.ndarray]) -> Dict[str, dict]:
    """Per video set: its empty bins, and of those the bins the real clips
    fill (each adds about share * log(share / smoothing) to KL(real ||
    videos)) with the real share of flow vectors they hold."""
    real = histograms['real']
    counts = {}
    for name, hist in histograms.items():
        missing = (hist == 0) & (real > 0)
        counts[name] = dict(
            empty=int((hist == 0).sum()),
            empty_where_real_is_not=int(missing.sum()),
            real_share_there=float(real[missing].sum() / real.sum()))
    return counts


def markdown(rows: List[dict], names: List[str]) -> str:
    lines = [
        '| divergence | smoothing | ' + ' | '.join(names) + ' |',
        '|---|---|' + '---|' * len(names)
    ]
    for r in rows:
        lines.append(f'| {DIVERGENCE_NAMES[r["divergence"]]} | '
                     f'{r["smoothing"]:g} | ' +
                     ' | '.join(f'{r[n]:.4f}' for n in names) + ' |')
    return '\n'.join(lines)


def main():
    args = parse_args()
    if args.num_clips is not None and args.num_clips < 1:
        raise SystemExit('--num-clips must be at least 1')
    cfg = config_from_args(args)
    mc_settings = motion_coherence_entry(cfg)
    histograms, num_clips = flow_histograms(cfg, args.checkpoint,
                                            args.num_clips,
                                            MotionCoherence(**mc_settings))
    names = [n for n in histograms if n != 'real']
    rows = sensitivity_table(histograms, mc_settings)
    table = markdown(rows, names)
    bins = empty_bins(histograms)
    print(f'MC of each video set against {num_clips} test clips of '
          f'{args.config}:')
    print(table)
    print('empty bins (of the real clips: '
          f'{bins["real"]["empty"]} of {histograms["real"].size}):')
    for name in names:
        b = bins[name]
        print(f'  {name}: {b["empty"]} empty, {b["empty_where_real_is_not"]} '
              'of them filled by the real clips (with '
              f'{100 * b["real_share_there"]:.3f}% of the real flow vectors)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(
                dict(
                    command=' '.join(['python'] + sys.argv),
                    config=args.config,
                    checkpoint=args.checkpoint,
                    num_clips=num_clips,
                    rows=rows,
                    empty_bins=bins,
                    markdown=table),
                f,
                indent=2)
        print(f'written to {args.json}')


if __name__ == '__main__':
    run_tool(main)
