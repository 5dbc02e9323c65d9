"""Evaluate a model of vosgan_mm with its config's test loop and metrics.

    python tools/test.py CONFIG [CHECKPOINT] [--split {test,val}]
        [--work-dir DIR] [--dump FILE.pkl] [--show-dir DIR]
        [--allow-random-weights] [--cfg-options ...] [--debug]

Without CHECKPOINT the model's weights come from its config's init_cfg
(e.g. a GAN checkpoint's discriminator for the "adversarial" segmentation
scenario); a config whose init_cfg loads a part of a checkpoint by prefix
(model.init_cfg.prefix='discriminator.') also takes such a checkpoint as
CHECKPOINT, in place of the one it names. A model with parameters that
neither CHECKPOINT nor an init_cfg loads is refused (it would score
random weights) unless --allow-random-weights; models without parameters
(the label-free baselines) need neither. The metrics are written to
<work_dir>/test_results.json
(<work_dir>/val_results.json with --split val, which scores the config's
val_dataloader with its val_evaluator: choose settings there, and score
the test split once per final config).
--dump pickles every prediction (as MMAction2's); --show-dir writes, for a
segmentation config, each frame's predicted mask and an overlay.
"""
import argparse
import json
import os
import os.path as osp

from mmengine.runner import Runner

from vosgan_mm.engine import ConfigError, dump_predictions, show_segmentation
from vosgan_mm.engine.train_config import (check_test_set_size,
                                           check_test_weights,
                                           set_test_checkpoint)
from vosgan_mm.registry import METRICS, RUNNERS
from vosgan_mm.utils import read_config
from vosgan_mm.utils.tool_arguments import add_config_arguments
from vosgan_mm.utils.tool_errors import run_tool


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description='Test a vosgan_mm model')
    parser.add_argument('config', help='test config file path')
    parser.add_argument(
        'checkpoint',
        nargs='?',
        help='checkpoint of the model, or of a GAN whose part the config\'s '
        'model.init_cfg loads by prefix (default: none, the weights come '
        'from the config\'s init_cfg)')
    parser.add_argument(
        '--split',
        choices=('test', 'val'),
        default='test',
        help='score the test split, or the val split on which settings are '
        'chosen (default: %(default)s)')
    parser.add_argument(
        '--work-dir',
        help='where logs and results go (default: the config\'s work_dir, '
        'else work_dirs/<config name>)')
    parser.add_argument(
        '--dump',
        help='also pickle every prediction to this .pkl file (default: '
        'none)')
    parser.add_argument(
        '--show-dir',
        help='segmentation configs: write each frame\'s predicted mask and '
        'an overlay to DIR/<sequence>/{masks,overlays}/<frame>.png '
        '(default: none)')
    parser.add_argument(
        '--allow-random-weights',
        action='store_true',
        help='score a model whose parameters no checkpoint and no init_cfg '
        'loads (default: refused)')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher (default: %(default)s)')
    parser.add_argument(
        '--local_rank',
        '--local-rank',
        type=int,
        default=0,
        help='set by the launcher (default: %(default)s)')
    add_config_arguments(
        parser, 'override config settings, e.g. '
        'test_dataloader.batch_size=4 (default: none)')
    return parser


def parse_args():
    args = build_parser().parse_args()
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def set_result_files(evaluator_cfg, work_dir: str) -> None:
    """Metrics with an ``out_file`` of None write into the work dir."""
    cfgs = evaluator_cfg if isinstance(evaluator_cfg,
                                       list) else [evaluator_cfg]
    for cfg in cfgs:
        if 'out_file' in cfg and cfg['out_file'] is None:
            metric = cfg['type']
            if isinstance(metric, str):
                metric = METRICS.get(metric)
            name = getattr(metric, 'result_file', None) or getattr(
                metric, '__name__', cfg['type'])
            cfg['out_file'] = osp.join(work_dir, f'{name}.json')


def use_val_split(cfg, config_path: str) -> None:
    """Points the test loop at the config's val split."""
    missing = [
        key for key in ('val_dataloader', 'val_evaluator')
        if not cfg.get(key)
    ]
    if missing:
        raise ConfigError(f'{config_path}: --split val needs '
                          f'{" and ".join(missing)} in the config')
    cfg.test_dataloader = cfg.val_dataloader
    cfg.test_evaluator = cfg.val_evaluator


def main():
    args = parse_args()
    cfg = read_config(args.config, args.cfg_options)
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or osp.join(
        'work_dirs',
        osp.splitext(osp.basename(args.config))[0])
    if args.split == 'val':
        use_val_split(cfg, args.config)
    if 'test_evaluator' not in cfg:
        raise ConfigError(
            f'{args.config}: missing required key "test_evaluator" (with '
            'test_dataloader and test_cfg)')
    set_result_files(cfg.test_evaluator, cfg.work_dir)
    if args.dump:
        dump_predictions(cfg, args.dump)
    if args.show_dir:
        show_segmentation(cfg, args.show_dir)
    note = set_test_checkpoint(cfg, args.checkpoint)
    if note:
        print(note)
    cfg.resume = False

    # VOSGANRunner (default_runtime.py) checks the config, loads the
    # checkpoint strictly, or without one initialises the model from its
    # init_cfg (e.g. a segmenter from a GAN checkpoint's discriminator)
    if 'runner_type' not in cfg:
        runner = Runner.from_cfg(cfg)
    else:
        runner = RUNNERS.build(cfg)
    check_test_weights(runner, args.allow_random_weights)
    check_test_set_size(runner, args.split)
    metrics = runner.test()
    out = osp.join(cfg.work_dir, f'{args.split}_results.json')
    with open(out, 'w') as f:
        json.dump(
            dict(
                config=args.config,
                checkpoint=args.checkpoint,
                split=args.split,
                cfg_options=args.cfg_options,
                metrics=metrics),
            f,
            indent=2)
    print(f'metrics written to {out}')


if __name__ == '__main__':
    run_tool(main)
