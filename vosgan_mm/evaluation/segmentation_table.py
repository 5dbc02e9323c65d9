"""The paper's Table 6 layout: F and IoU of each scenario, side by side."""
import json
import os.path as osp
from typing import Dict, List, Tuple

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
    rows = [('pixel F (the paper\'s F1)', 'F'),
            ('IoU (= DAVIS region J)', 'J'),
            ('boundary F (DAVIS contour F)', 'boundary_F')]
    lines = ['| | ' + ' | '.join(names) + ' |', '|---|' + '---|' * len(names)]
    for label, key in rows:
        lines.append(f'| {label} | ' + ' | '.join(f'{results[n][key]:.2f}'
                                                  for n in names) + ' |')
    return '\n'.join(lines)
