"""Print the paper's Table 5 layout (top-1 accuracy on UCF101, transfer and
fine-tune) from the recognition work dirs (each tested with tools/test.py).

    python tools/analysis_tools/recognition_table.py \
        VOS-GAN/transfer=work_dirs/vosgan_transfer_ucf101 \
        VOS-GAN/fine-tune=work_dirs/vosgan_finetune_ucf101 \
        VGAN/transfer=work_dirs/vgan_transfer_ucf101 ... [--json out.json]
"""

import argparse
import json
import os.path as osp
from typing import Dict, List, Tuple

from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool


def read_accuracies(runs: List[Tuple[str, str, str]]) -> Dict[str, dict]:
    """``[(model, setting, work_dir)]`` -> model -> setting -> top-1
    accuracy (%) from the work dir's ``test_results.json``."""
    table: Dict[str, dict] = {}
    for model, setting, work_dir in runs:
        path = osp.join(work_dir, 'test_results.json')
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{model}/{setting}: no test_results.json in {work_dir}; '
                'run tools/test.py with that work dir first')
        with open(path) as f:
            metrics = json.load(f)['metrics']
        if 'acc/top1' not in metrics:
            raise KeyError(f'{path} holds no acc/top1 (is it a recognition '
                           f'test?): {sorted(metrics)}')
        table.setdefault(model, {})[setting] = 100 * metrics['acc/top1']
    return table


def accuracy_table(table: Dict[str, dict]) -> str:
    """Markdown: a row per model, a column per setting."""
    settings = []
    for row in table.values():
        settings += [s for s in row if s not in settings]
    lines = [
        '| model | ' + ' | '.join(settings) + ' |',
        '|---|' + '---|' * len(settings)
    ]
    for model, row in table.items():
        cells = [f'{row[s]:.2f}' if s in row else '-' for s in settings]
        lines.append(f'| {model} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description='Table 5 of the paper')
    parser.add_argument('runs', nargs='+', help='MODEL/SETTING=WORK_DIR')
    parser.add_argument(
        '--json', help='also write the numbers here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    runs = []
    for text in args.runs:
        name, sep, work_dir = text.partition('=')
        model, sep2, setting = name.partition('/')
        if not (sep and sep2):
            raise SystemExit(f'expected MODEL/SETTING=WORK_DIR, got "{text}"')
        runs.append((model, setting, work_dir))
    table = read_accuracies(runs)
    print(accuracy_table(table))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(table, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
