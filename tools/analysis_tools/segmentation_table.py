"""Print Table 6 for one data set: the paper's layout (one column per
scenario) from the scenarios' work dirs, or a ranking (one row per method,
sorted by region J) over several runs each, from results files.

    python tools/analysis_tools/segmentation_table.py \
        synthetic=work_dirs/vosgan_seg_synthetic_sprites \
        adversarial=work_dirs/vosgan_seg_adversarial_sprites \
        "ft. synthetic"=work_dirs/vosgan_seg_ft_synthetic_sprites \
        "ft. adversarial"=work_dirs/vosgan_seg_ft_adversarial_sprites \
        "flow baseline"=work_dirs/flow_baseline_sprites [--json out.json]

    python tools/analysis_tools/segmentation_table.py --ranking \
        "VOS-GAN adversarial=results/segmentation/sprites/test/vosgan_seg_adversarial_sprites_seed*.json" \
        KNN=results/segmentation/sprites/test/knn_sprites.json ...

    python tools/analysis_tools/segmentation_table.py --ranking \
        --scenarios all,static,moving_camera,dynamic_background,pauses \
        "KNN=results/segmentation/photo_scenes/test/knn_photo_scenes_{scenario}.json" ...

Each NAME=PATH names a work dir (its ``segmentation_results.json``) or a
results file (``tools/test.py``'s ``<split>_results.json``, or a copy of
it); PATH may be a glob or a comma-separated list, and a NAME given twice
gathers its runs. With ``--ranking`` a method of several runs (training
seeds) shows mean ± sd (sample standard deviation) and its minimum. With
``--scenarios`` too, every PATH holds ``{scenario}``, filled with each
scenario in turn: one J column per scenario, rows sorted by the first.
"""

import argparse
import glob
import json
import os.path as osp
from typing import Dict, List, Tuple

import numpy as np

from vosgan_mm.utils.errors import ResultsFileError
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

RESULTS_FILE = 'segmentation_results.json'
# the measures of the tables: label, key, format
MEASURES = [('pixel F (the paper\'s F1)', 'F', '.2f'),
            ('IoU (= DAVIS region J)', 'J', '.2f'),
            ('boundary F (DAVIS contour F)', 'boundary_F', '.2f'),
            ('mean probability on true foreground', 'prob_on_fg', '.3f'),
            ('mean probability on background', 'prob_on_bg', '.3f')]


def read_results(path: str) -> dict:
    """The mean measures of one run, without their prefix: from a work
    dir's ``segmentation_results.json`` or from a results file."""
    if osp.isdir(path):
        file = osp.join(path, RESULTS_FILE)
        if not osp.isfile(file):
            raise FileNotFoundError(
                f'no {RESULTS_FILE} in {path}; run tools/test.py with that '
                'work dir first')
    elif osp.isfile(path):
        file = path
    else:
        raise FileNotFoundError(f'{path}: no such work dir or results file')
    with open(file) as f:
        try:
            data = json.load(f)
        except json.JSONDecodeError as e:
            raise ResultsFileError(f'{file}: not JSON ({e})') from None
    if 'mean' in data:
        return data['mean']
    if 'metrics' in data:
        return {k.split('/')[-1]: v for k, v in data['metrics'].items()}
    raise ResultsFileError(f'{file}: neither "mean" nor "metrics" in it; '
                           'not a segmentation results file')


def expand_paths(path: str) -> List[str]:
    """A comma-separated list of paths or globs -> the paths, in order."""
    paths = []
    for part in path.split(','):
        matches = sorted(glob.glob(part)) if glob.has_magic(part) else [part]
        if not matches:
            raise FileNotFoundError(f'{part}: matches no file')
        paths += matches
    return paths


def read_scenario_results(
        runs: List[Tuple[str, str]]) -> Dict[str, List[dict]]:
    """``[(name, path)]`` -> name -> the results of each of its runs, in
    the order given."""
    results = {}
    for name, path in runs:
        for one in expand_paths(path):
            try:
                results.setdefault(name, []).append(read_results(one))
            except (FileNotFoundError, ResultsFileError) as e:
                raise type(e)(f'{name}: {e}') from None
    return results


def summary(values: List[float], spec: str) -> str:
    """One value as is; several as mean ± sd (min)."""
    if len(values) == 1:
        return f'{values[0]:{spec}}'
    return (f'{np.mean(values):{spec}} ± {np.std(values, ddof=1):{spec}} '
            f'(min {np.min(values):{spec}})')


def scenario_table(results: Dict[str, List[dict]]) -> str:
    """Markdown: one row per measure, one column per scenario, as in the
    paper's Table 6. The paper's F1 is the pixel F-measure; its IoU is
    DAVIS's region similarity J; the DAVIS benchmark's F (and its
    leaderboard's) is the boundary F-measure, a different measure."""
    names = list(results)
    lines = ['| | ' + ' | '.join(names) + ' |', '|---|' + '---|' * len(names)]
    for label, key, spec in MEASURES:
        if not all(key in run for n in names for run in results[n]):
            continue  # results written before the measure existed
        lines.append(f'| {label} | ' + ' | '.join(
            summary([run[key] for run in results[n]], spec)
            for n in names) + ' |')
    return '\n'.join(lines)


def ranking_table(results: Dict[str, List[dict]]) -> str:
    """Markdown: one row per method, sorted by mean region J (best first),
    with the number of runs, J, pixel F and boundary F."""
    order = sorted(
        results, key=lambda n: -np.mean([run['J'] for run in results[n]]))
    lines = [
        '| method | runs | J | F | boundary F |', '|---|---|---|---|---|'
    ]
    for name in order:
        runs = results[name]
        cells = [
            summary([run[key] for run in runs], '.2f') if all(
                key in run for run in runs) else ''
            for key in ('J', 'F', 'boundary_F')
        ]
        lines.append(f'| {name} | {len(runs)} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def read_results_per_scenario(
        runs: List[Tuple[str, str]],
        scenarios: List[str]) -> Dict[str, Dict[str, List[dict]]]:
    """``[(name, path with {scenario})]`` -> name -> scenario -> the
    results of each of its runs (a NAME given twice gathers them, as in
    :func:`read_scenario_results`)."""
    per_scenario = {
        scenario: read_scenario_results([
            (name, path.replace('{scenario}', scenario))
            for name, path in runs
        ])
        for scenario in scenarios
    }
    return {
        name: {scenario: per_scenario[scenario][name]
               for scenario in scenarios}
        for name in per_scenario[scenarios[0]]
    }


def ranking_per_scenario_table(results: Dict[str, Dict[str, List[dict]]],
                               scenarios: List[str]) -> str:
    """Markdown: one row per method, one region-J column per scenario
    (mean ± sd (min) over runs), sorted by the first scenario's mean J;
    the runs column lists the distinct counts of runs over the scenarios
    (``5``, or ``1/5`` where a scenario has fewer files)."""
    def first_mean_j(name):
        return np.mean([run['J'] for run in results[name][scenarios[0]]])

    order = sorted(results, key=lambda name: -first_mean_j(name))
    lines = [
        '| method | runs | ' + ' | '.join(f'J {s}' for s in scenarios) +
        ' |', '|---|---|' + '---|' * len(scenarios)
    ]
    for name in order:
        counts = sorted({len(results[name][s]) for s in scenarios})
        cells = [
            summary([run['J'] for run in results[name][s]], '.2f')
            for s in scenarios
        ]
        lines.append(f'| {name} | {"/".join(map(str, counts))} | ' +
                     ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def parse_args():
    parser = argparse.ArgumentParser(description='Table 6 of the paper')
    parser.add_argument(
        'runs', nargs='+', help='NAME=WORK_DIR or NAME=RESULTS_FILE(S)')
    parser.add_argument(
        '--ranking',
        action='store_true',
        help='one row per method sorted by J, runs as mean ± sd (min) '
        '(default: the paper\'s layout, one column per scenario)')
    parser.add_argument(
        '--scenarios',
        type=lambda text: [part for part in text.split(',') if part],
        help='with --ranking: comma-separated scenarios, one J column each, '
        'each PATH holding {scenario} (default: the paths as given)')
    parser.add_argument(
        '--json',
        help='also write the numbers here, as NAME -> runs, or with '
        '--scenarios NAME -> scenario -> runs (default: none)')
    add_debug_argument(parser)
    args = parser.parse_args()
    runs = []
    for run in args.runs:
        name, sep, path = run.partition('=')
        if not sep or not name or not path:
            parser.error(f'expected NAME=PATH, got "{run}"')
        if args.scenarios is not None and '{scenario}' not in path:
            parser.error(f'{name}: {path} has no {{scenario}} to fill with '
                         '--scenarios')
        runs.append((name, path))
    args.runs = runs
    if args.scenarios is not None:
        if not args.ranking:
            parser.error('--scenarios needs --ranking')
        if not args.scenarios:
            parser.error('--scenarios names no scenario')
    return args


def main():
    args = parse_args()
    if args.scenarios:
        results = read_results_per_scenario(args.runs, args.scenarios)
        print(ranking_per_scenario_table(results, args.scenarios))
    else:
        results = read_scenario_results(args.runs)
        print(ranking_table(results) if args.ranking else
              scenario_table(results))
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
