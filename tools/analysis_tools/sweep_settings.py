"""Score a config over a grid of settings on one split, to choose them.

    python tools/analysis_tools/sweep_settings.py CONFIG [CHECKPOINT]
        --grid model.threshold=0.03,0.05,0.1 [--grid KEY=V1,V2 ...]
        [--split val] [--cfg-options ...] --out sweep.json

Runs tools/test.py once for each combination of the --grid values (each
in its own process, so that no state carries over), on the val split by
default: settings are chosen there, and the test split is scored once per
final config. Prints the combinations sorted by the first metric (or
--metric) and writes every combination's metrics, with the command that
made them, to --out. Values are read as Python literals where they parse
(0.05, 16, None, 'otsu'), else as strings.
"""
import argparse
import ast
import itertools
import json
import os
import os.path as osp
import subprocess
import sys
import tempfile

from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

TEST_TOOL = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))),
                     'test.py')


def literal(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def grid_axis(text: str):
    key, sep, values = text.partition('=')
    if not sep or not key or not values:
        raise argparse.ArgumentTypeError(
            f'{text!r}: give a grid axis as KEY=VALUE1,VALUE2,...')
    return key, [v for v in values.split(',') if v]


def parse_args():
    parser = argparse.ArgumentParser(
        description='Score a config over a grid of settings on one split')
    parser.add_argument('config', help='config to test')
    parser.add_argument(
        'checkpoint', nargs='?', help='weights, if any (default: none)')
    parser.add_argument(
        '--grid',
        type=grid_axis,
        action='append',
        required=True,
        help='KEY=V1,V2,...: one axis of the grid (repeat for more) '
        '(default: none, required)')
    parser.add_argument(
        '--split',
        choices=('val', 'test'),
        default='val',
        help='split to score (default: %(default)s)')
    parser.add_argument(
        '--metric',
        help='metric to sort by, higher is better (default: the first)')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        default=[],
        help='KEY=VALUE settings shared by every combination '
        '(default: none)')
    parser.add_argument(
        '--out',
        required=True,
        help='JSON to write (default: none, required)')
    add_debug_argument(parser)
    return parser.parse_args()


def score(args, settings: dict, work_dir: str) -> dict:
    """Runs tools/test.py with ``settings`` and returns its metrics."""
    options = list(args.cfg_options)
    options += [f'{k}={v}' for k, v in settings.items()]
    command = [sys.executable, TEST_TOOL, args.config]
    if args.checkpoint:
        command.append(args.checkpoint)
    command += ['--split', args.split, '--work-dir', work_dir]
    if options:
        command += ['--cfg-options', *options]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f'{" ".join(command)} failed: '
                           f'{lines[-1] if lines else done.returncode}')
    with open(osp.join(work_dir, f'{args.split}_results.json')) as f:
        return json.load(f)['metrics']


def main():
    args = parse_args()
    keys = [key for key, _ in args.grid]
    if len(set(keys)) != len(keys):
        raise ValueError('each --grid key may be given once')
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, values in enumerate(
                itertools.product(*(v for _, v in args.grid))):
            settings = dict(zip(keys, values))
            metrics = score(args, settings, osp.join(tmp, str(i)))
            rows.append(
                dict(
                    settings={k: literal(v)
                              for k, v in settings.items()},
                    metrics=metrics))
            print(settings, metrics, flush=True)
    metric = args.metric or next(iter(rows[0]['metrics']))
    if metric not in rows[0]['metrics']:
        raise ValueError(f'no metric "{metric}"; the test gives '
                         f'{", ".join(rows[0]["metrics"])}')
    rows.sort(key=lambda row: row['metrics'][metric], reverse=True)
    print(f'\nsorted by {metric} on the {args.split} split:')
    for row in rows:
        print(f'  {row["metrics"][metric]:8.2f}  {row["settings"]}')
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(
            dict(
                command=' '.join(['python'] + sys.argv),
                config=args.config,
                checkpoint=args.checkpoint,
                split=args.split,
                sorted_by=metric,
                best=rows[0]['settings'],
                results=rows),
            f,
            indent=2)
    print(f'best: {rows[0]["settings"]}; written to {args.out}')


if __name__ == '__main__':
    run_tool(main)
