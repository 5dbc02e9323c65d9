"""Print the paper's Table 6 layout for one data set from the scenarios'
work dirs (each tested with tools/test.py).

    python tools/segmentation_table.py \
        synthetic=work_dirs/vosgan_seg_synthetic_sprites \
        adversarial=work_dirs/vosgan_seg_adversarial_sprites \
        "ft. synthetic"=work_dirs/vosgan_seg_ft_synthetic_sprites \
        "ft. adversarial"=work_dirs/vosgan_seg_ft_adversarial_sprites \
        "flow baseline"=work_dirs/flow_baseline_sprites [--json out.json]
"""
import argparse
import json

from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.evaluation import read_scenario_results, scenario_table


def parse_args():
    parser = argparse.ArgumentParser(description='Table 6 of the paper')
    parser.add_argument('runs', nargs='+', help='NAME=WORK_DIR')
    parser.add_argument('--json', help='also write the numbers here')
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
