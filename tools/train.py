"""Train a model of vosgan_mm from a config.

    python tools/train.py configs/vosgan/vosgan_900i_sprites.py
        [--work-dir DIR]
        [--amp [auto|bfloat16|float16]] [--compile [MODE]]
        [--resume [CKPT]] [--no-validate] [--seed N] [--diff-rank-seed]
        [--deterministic] [--auto-scale-lr] [--cfg-options key=value ...]
        [--launcher {none,pytorch,slurm,mpi}] [--debug]

On several GPUs or machines, tools/dist_train.sh and tools/slurm_train.sh
start one process per GPU with the right --launcher.

The flags behave as MMAction2's: --no-validate trains without the
config's validation loop, --seed sets the run's random seed (and a GAN's
latent-noise seed), --diff-rank-seed gives each distributed rank its own
seed (seed + rank), --deterministic asks for deterministic algorithms,
--auto-scale-lr scales the learning rates by the actual total batch size
over the config's auto_scale_lr.base_batch_size. --amp trains
in bfloat16 autocast (no loss scaling) on a GPU or on a CPU with native
bfloat16 (AVX-512 BF16 or AMX); on a CPU without it bfloat16 is about 30x
slower than float32, so --amp warns and trains in float32 there, and
--amp bfloat16 forces bfloat16. --amp float16 uses CUDA AMP with dynamic
loss scaling instead. On a GPU, Adam, AdamW and
SGD run fused unless the config sets `fused` or `foreach`. --compile
compiles a GAN's generator and discriminator with torch.compile.
"""
import argparse
import os
import os.path as osp

from mmengine.dist import is_main_process
from mmengine.runner import Runner

from vosgan_mm.engine import (add_speed_arguments, apply_run_flags,
                              apply_speed_arguments)
from vosgan_mm.engine.train_config import refuse_to_overwrite
from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import read_config
from vosgan_mm.utils.tool_arguments import add_config_arguments
from vosgan_mm.utils.tool_errors import run_tool


def parse_args():
    # every option's help ends with its default
    parser = argparse.ArgumentParser(
        description='Train a vosgan_mm model',
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument('config', help='train config file path')
    parser.add_argument(
        '--work-dir',
        help='where logs and checkpoints go; None: the config\'s work_dir, '
        'else work_dirs/<config name>')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='resume from the given checkpoint, or from the latest one in '
        'the work dir if none is given; None: a new run')
    add_speed_arguments(parser)
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='train without the config\'s validation loop (val_cfg, '
        'val_dataloader and val_evaluator are dropped)')
    parser.add_argument(
        '--seed',
        type=int,
        help='random seed of the run (and of a GAN\'s latent noise); None: '
        'the config\'s randomness.seed')
    parser.add_argument(
        '--diff-rank-seed',
        action='store_true',
        help='a different seed on each distributed rank (seed + rank)')
    parser.add_argument(
        '--deterministic',
        action='store_true',
        help='deterministic algorithms (slower where they differ)')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the learning rates by the actual total batch size over '
        'the config\'s auto_scale_lr.base_batch_size')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher: none trains in this process; pytorch and slurm '
        'are what tools/dist_train.sh and tools/slurm_train.sh pass')
    parser.add_argument(
        '--local_rank',
        '--local-rank',
        type=int,
        default=0,
        help='this process\'s rank on its machine, set by a launcher that '
        'passes it as an argument (torchrun sets LOCAL_RANK instead)')
    add_config_arguments(
        parser, 'override config settings, e.g. train_cfg.max_iters=100')
    args = parser.parse_args()
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def merge_args(cfg, args) -> None:
    """The command line's settings on the config read from it."""
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or osp.join(
        'work_dirs',
        osp.splitext(osp.basename(args.config))[0])
    if args.no_validate:
        # MMEngine's Runner builds no val loop (nor its hooks' val calls)
        # without these
        for key in ('val_cfg', 'val_dataloader', 'val_evaluator'):
            if key in cfg:
                cfg[key] = None
    apply_speed_arguments(cfg, args)
    apply_run_flags(cfg, args.seed, args.deterministic, args.auto_scale_lr)
    if args.diff_rank_seed:
        # MMEngine's Runner needs a seed entry (None: drawn at random)
        cfg.randomness = {
            'seed': None,
            **(cfg.get('randomness') or {}), 'diff_rank_seed': True
        }
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume


def main():
    args = parse_args()
    cfg = read_config(args.config, args.cfg_options)
    merge_args(cfg, args)

    # VOSGANRunner (default_runtime.py) checks the config and the work dir;
    # an earlier run's work dir is refused here too, before the Runner logs
    # the environment and the config (some 270 lines)
    if is_main_process():
        refuse_to_overwrite(cfg.work_dir, cfg.get('resume', False))
    if 'runner_type' not in cfg:
        runner = Runner.from_cfg(cfg)
    else:
        runner = RUNNERS.build(cfg)
    runner.train()


if __name__ == '__main__':
    run_tool(main)
