"""Can the discriminator learn a data set's flow targets at all? Trains a
freshly initialised discriminator of a GAN config on the flow term alone
(``loss_d_flow_real`` on real clips, no adversarial terms) and prints the
variance-normalised flow loss: 1 is "predicts the mean flow", lower means
it localises motion. Compare with the same term in GAN training (the
training log) to see whether the adversarial terms keep D from learning it.

    python tools/analysis_tools/fit_discriminator_flow.py \
        configs/vosgan/vosgan_900i_sprites.py --iters 100 [--batch-size 8] \
        [--seed 0]
"""
import argparse
import json
import time

import torch
from mmengine.dataset import default_collate

from vosgan_mm.models.losses import flow_loss
from vosgan_mm.registry import DATASETS, MODELS
from vosgan_mm.utils.tool_arguments import (add_config_arguments,
                                            config_from_args)
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    parser = argparse.ArgumentParser(
        description="Train a VOS-GAN discriminator on real clips' flow "
        'targets alone and print its normalised flow loss')
    parser.add_argument('config', help='VOS-GAN config')
    parser.add_argument(
        '--iters',
        type=int,
        default=100,
        help='training iterations of the discriminator '
        '(default: %(default)s)')
    parser.add_argument(
        '--batch-size',
        type=int,
        default=8,
        help='real clips per iteration, drawn at random '
        '(default: %(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the initial weights and of the drawn clips '
        '(default: %(default)s)')
    parser.add_argument(
        '--print-every',
        type=int,
        default=10,
        help='iterations between printed mean losses (default: %(default)s)')
    parser.add_argument(
        '--out',
        help='write the curve (the loss of each iteration) as JSON here '
        '(default: none)')
    add_config_arguments(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = config_from_args(args)
    torch.manual_seed(args.seed)
    model = MODELS.build(cfg.model)
    model.init_weights()
    if not hasattr(model, 'flow_target'):
        raise SystemExit(f'{args.config}: {type(model).__name__} has no '
                         'flow target (a VOS-GAN config is needed)')
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    discriminator = model.discriminator
    optim_cfg = cfg.optim_wrapper.discriminator.optimizer.copy()
    optim_cfg.pop('type')
    optimizer = torch.optim.Adam(discriminator.parameters(), **optim_cfg)
    generator = torch.Generator().manual_seed(args.seed)
    curve, start = [], time.time()
    for it in range(1, args.iters + 1):
        indices = torch.randint(
            len(dataset), (args.batch_size, ), generator=generator)
        batch = default_collate([dataset[int(i)] for i in indices])
        inputs = model.data_preprocessor(batch, True)['inputs']
        flow = inputs.get('flow')
        target = model.flow_target(inputs['video']) if flow is None else \
            model.flow_target.normalize(flow.float())
        loss = flow_loss(
            discriminator(inputs['video'])['flow'], target, 'variance')
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        curve.append(dict(iter=it, loss=loss.item()))
        if it % args.print_every == 0 or it == args.iters:
            recent = [c['loss'] for c in curve[-args.print_every:]]
            print(f'iteration {it}: normalised flow loss '
                  f'{sum(recent) / len(recent):.3f} (mean of the last '
                  f'{len(recent)}), {time.time() - start:.0f} s')
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(curve, f, indent=1)


if __name__ == '__main__':
    run_tool(main)
