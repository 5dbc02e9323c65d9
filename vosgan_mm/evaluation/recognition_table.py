"""The paper's Table 5 layout: action-recognition accuracy of each GAN's
discriminator, transferred (frozen) and fine-tuned."""
import json
import os.path as osp
from typing import Dict, List, Tuple


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
