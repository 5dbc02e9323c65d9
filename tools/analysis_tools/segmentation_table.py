"""Print the paper's Table 6 layout for one data set from the scenarios'
work dirs (each tested with tools/test.py).

    python tools/analysis_tools/segmentation_table.py \
        synthetic=work_dirs/vosgan_seg_synthetic_sprites \
        adversarial=work_dirs/vosgan_seg_adversarial_sprites \
        "ft. synthetic"=work_dirs/vosgan_seg_ft_synthetic_sprites \
        "ft. adversarial"=work_dirs/vosgan_seg_ft_adversarial_sprites \
        "flow baseline"=work_dirs/flow_baseline_sprites [--json out.json]
"""

import argparse
import json
import os.path as osp
from typing import Dict, List, Tuple

from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

RESULTS_FILE = 'segmentation_results.json'


def read_scenario_results(runs: List[Tuple[str, str]]) -> Dict[str, dict]:
    """``[(name, work_dir)]`` -> name -> mean results of the work dir's
    ``segmentation_results.json`` (written by ``tools/test.py``)."""
    results = {}
    for name, work_dir in runs:
        path = osp.join(work_dir, RESULTS_FILE)
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{name}: no {RESULTS_FILE} in {work_dir}; run tools/test.py '
                'with that work dir first')
        with open(path) as f:
            results[name] = json.load(f)['mean']
    return results


def scenario_table(results: Dict[str, dict]) -> str:
    """Markdown: one row per measure, one column per scenario, as in the
    paper's Table 6. The paper's F1 is the pixel F-measure; its IoU is
    DAVIS's region similarity J; the DAVIS benchmark's F (and its
    leaderboard's) is the boundary F-measure, a different measure."""
    names = list(results)
    rows = [('pixel F (the paper\'s F1)', 'F', '.2f'),
            ('IoU (= DAVIS region J)', 'J', '.2f'),
            ('boundary F (DAVIS contour F)', 'boundary_F', '.2f'),
            ('mean probability on true foreground', 'prob_on_fg', '.3f'),
            ('mean probability on background', 'prob_on_bg', '.3f')]
    lines = ['| | ' + ' | '.join(names) + ' |', '|---|' + '---|' * len(names)]
    for label, key, spec in rows:
        if not all(key in results[n] for n in names):
            continue  # results written before the measure existed
        lines.append(f'| {label} | ' + ' | '.join(f'{results[n][key]:{spec}}'
                                                  for n in names) + ' |')
    return '\n'.join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description='Table 6 of the paper')
    parser.add_argument('runs', nargs='+', help='NAME=WORK_DIR')
    parser.add_argument(
        '--json', help='also write the numbers here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    runs = []
    for run in args.runs:
        name, sep, work_dir = run.partition('=')
        if not sep:
            raise SystemExit(f'expected NAME=WORK_DIR, got "{run}"')
        runs.append((name, work_dir))
    results = read_scenario_results(runs)
    print(scenario_table(results))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
