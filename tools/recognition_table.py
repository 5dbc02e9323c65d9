"""Print the paper's Table 5 layout (top-1 accuracy on UCF101, transfer and
fine-tune) from the recognition work dirs (each tested with tools/test.py).

    python tools/recognition_table.py \
        VOS-GAN/transfer=work_dirs/vosgan_transfer_ucf101 \
        VOS-GAN/fine-tune=work_dirs/vosgan_finetune_ucf101 \
        VGAN/transfer=work_dirs/vgan_transfer_ucf101 ... [--json out.json]
"""
import argparse
import json

from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.evaluation import accuracy_table, read_accuracies


def parse_args():
    parser = argparse.ArgumentParser(description='Table 5 of the paper')
    parser.add_argument('runs', nargs='+', help='MODEL/SETTING=WORK_DIR')
    parser.add_argument('--json', help='also write the numbers here')
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
