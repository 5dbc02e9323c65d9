"""Table 4 over training seeds: reads the tables that ``generation_table.py``
wrote, one per seed, and prints every model's metrics as mean ± sd
(min-max) with, for each metric, which orderings of two models hold in
every seed and which flip.

    python tools/analysis_tools/generation_table_over_seeds.py \
        "results/generation/table4_in_domain_sprites_seed*.json" \
        [--json results/generation/table4_in_domain_sprites.json]

Rows are matched by name, so every per-seed table names a model the same
way (the seed belongs in the file name, not in the row name). A model
missing from some tables is compared on the seeds it has.
"""

import argparse
import glob
import itertools
import json
from typing import Dict, List

import numpy as np

from vosgan_mm.utils.errors import ResultsFileError
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

# the table's metrics, their order and which way is better
METRICS = (('FCD', 'lower'), ('MC', 'lower'), ('IS', 'higher'),
           ('FID', 'lower'))


def read_tables(patterns: List[str]) -> Dict[str, dict]:
    """``{path: table}`` for every file the patterns match, in name order."""
    tables = {}
    for pattern in patterns:
        paths = sorted(glob.glob(pattern))
        if not paths:
            raise FileNotFoundError(f'{pattern}: matches no file')
        for path in paths:
            with open(path) as f:
                try:
                    table = json.load(f)
                except json.JSONDecodeError as e:
                    raise ResultsFileError(
                        f'{path}: not JSON ({e})') from None
            if isinstance(table, dict) and 'orderings' in table:
                raise ResultsFileError(
                    f'{path}: a summary this tool wrote, not a per-seed '
                    'table; name it so that the pattern misses it')
            if not isinstance(table, dict) or not isinstance(
                    table.get('rows'), list):
                raise ResultsFileError(
                    f'{path}: not a generation table (no "rows" list; '
                    'generation_table.py --json writes one)')
            tables[path] = table
    return tables


def runs_by_model(tables: Dict[str, dict]) -> Dict[str, Dict[str, dict]]:
    """``{model name: {table path: row}}``, models in first-seen order."""
    models: Dict[str, Dict[str, dict]] = {}
    for path, table in tables.items():
        for row in table['rows']:
            if not isinstance(row, dict) or 'name' not in row or not any(
                    m in row for m, _ in METRICS):
                raise ResultsFileError(
                    f'{path}: a row without a name or without any of '
                    f'{", ".join(m for m, _ in METRICS)}: {row!r:.80}')
            runs = models.setdefault(row['name'], {})
            if path in runs:
                raise ResultsFileError(
                    f'{path}: two rows named "{row["name"]}"')
            runs[path] = row
    return models


def spread(values: List[float]) -> str:
    """One value as is; several as mean ± sample sd (min-max)."""
    if len(values) == 1:
        return f'{values[0]:.4g}'
    return (f'{np.mean(values):.4g} ± {np.std(values, ddof=1):.2g} '
            f'({np.min(values):.4g}-{np.max(values):.4g})')


def orderings(models: Dict[str, Dict[str, dict]], metric: str,
              better: str) -> dict:
    """Every pair of models with ``metric`` measured in the same table at
    least twice: ``stable`` pairs (``[better, worse, tables]``) where one
    is better in every such table, ``flips`` (``[a, b, tables where a is
    better, tables where b is, tables]``) where it is not (a tie counts
    for neither)."""
    sign = -1.0 if better == 'lower' else 1.0
    stable, flips = [], []
    for a, b in itertools.combinations(models, 2):
        shared = [
            p for p in models[a]
            if p in models[b] and metric in models[a][p]
            and metric in models[b][p]
        ]
        if len(shared) < 2:
            continue
        gaps = [
            sign * (models[a][p][metric] - models[b][p][metric])
            for p in shared
        ]
        a_better = sum(g > 0 for g in gaps)
        b_better = sum(g < 0 for g in gaps)
        if a_better == len(shared):
            stable.append([a, b, len(shared)])
        elif b_better == len(shared):
            stable.append([b, a, len(shared)])
        else:
            flips.append([a, b, a_better, b_better, len(shared)])
    return dict(stable=stable, flips=flips)


def common_note(tables: Dict[str, dict]) -> str:
    """The note every table carries (which classifier, which segmenter);
    tables measured differently, or some without a note, are not
    averaged."""
    files: Dict[str, List[str]] = {}
    for path, table in tables.items():
        files.setdefault(table.get('note', ''), []).append(path)
    if len(files) > 1:
        raise ResultsFileError(
            'the tables were measured differently: ' + '; '.join(
                f'{", ".join(paths)}: "{note or "(no note)"}"'
                for note, paths in files.items()))
    return next(iter(files))


def summarize(tables: Dict[str, dict]) -> dict:
    """The table over seeds as numbers, orderings and markdown."""
    note = common_note(tables)
    models = runs_by_model(tables)
    present = [m for m, _ in METRICS
               if any(m in r for runs in models.values()
                      for r in runs.values())]
    rows, lines = [], [
        '| model | runs | ' + ' | '.join(
            f'{m} ({dict(METRICS)[m]} is better)' for m in present) + ' |',
        '|---|---|' + '---|' * len(present)
    ]
    for name, runs in models.items():
        values = {
            m: [r[m] for r in runs.values() if m in r]
            for m in present
        }
        rows.append(dict(name=name, runs=len(runs), values=values))
        lines.append(f'| {name} | {len(runs)} | ' + ' | '.join(
            spread(v) if v else '' for v in values.values()) + ' |')
    order = {m: orderings(models, m, dict(METRICS)[m]) for m in present}
    lines.append('')
    for metric, pairs in order.items():
        stable = '; '.join(f'{a} better than {b} ({n}/{n})'
                           for a, b, n in pairs['stable']) or 'none'
        flips = '; '.join(
            f'{a} vs {b} ({ka}/{n} for {a}, {kb}/{n} for {b})'
            for a, b, ka, kb, n in pairs['flips']) or 'none'
        lines.append(f'- {metric}: stable: {stable}. Flips: {flips}.')
    if note:
        lines += ['', note]
    return dict(
        tables=list(tables),
        rows=rows,
        orderings=order,
        note=note,
        markdown='\n'.join(lines))


def parse_args():
    parser = argparse.ArgumentParser(
        description='Table 4 over training seeds, with stable orderings')
    parser.add_argument(
        'tables', nargs='+',
        help='per-seed tables written by generation_table.py (globs allowed)')
    parser.add_argument(
        '--json', help='also write the summary here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    summary = summarize(read_tables(args.tables))
    print(summary['markdown'])
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(summary, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
