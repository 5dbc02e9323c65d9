"""Which latent codes a trained generator uses: for each code its sampler
draws, the RMS change of the generated videos when that code alone is
redrawn; for a generator with an LSTM motion encoder, its final state (the
motion code) over a batch: mean |h| (1 is saturated) and its spread over
the batch (about 0: the same code for every trajectory).

    python tools/analysis_tools/latent_sensitivity.py \
        configs/vosgan/vosgan_900i_sprites.py \
        work_dirs/vosgan_900i_sprites/iter_900.pth [--num-samples 16] \
        [--json out.json]
"""
import argparse
import json

import torch

from vosgan_mm.apis import load_gan
from vosgan_mm.engine.hooks.generator_statistics_hook import \
    latent_sensitivity
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    parser = argparse.ArgumentParser(
        description='How much each latent code moves the generated videos')
    parser.add_argument('config', help='GAN config')
    parser.add_argument('checkpoint', help='GAN checkpoint')
    parser.add_argument(
        '--num-samples',
        type=int,
        default=16,
        help='videos generated per code, at least 2 (default: %(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=2025,
        help='seed of the latent codes; the redrawn ones use seed + 1 '
        '(default: %(default)s)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_config_arguments(parser)
    return parser.parse_args()


@torch.no_grad()
def motion_code_statistics(model, num_samples: int, seed: int) -> dict:
    """Mean |h| and mean spread over the batch of the generator's motion
    code, where it has an ``encode_motion``; else an empty dict."""
    encode = getattr(model.generator, 'encode_motion', None)
    latents = model.sample_latents(num_samples, seed)
    if encode is None or 'z_motion' not in latents:
        return {}
    code = encode(latents['z_motion'])
    return dict(
        motion_code_mean_abs=float(code.abs().mean()),
        motion_code_batch_std=float(code.std(0).mean()))


def main():
    args = parse_args()
    if args.num_samples < 2:
        raise SystemExit('--num-samples must be at least 2')
    cfg = config_from_args(args)
    model = load_gan(cfg, args.checkpoint)
    figures = latent_sensitivity(model, args.num_samples, args.seed)
    figures.update(motion_code_statistics(model, args.num_samples, args.seed))
    for name, value in figures.items():
        print(f'{name}: {value:.4f}')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(figures, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
