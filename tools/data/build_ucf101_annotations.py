"""Turn the UCF101 release into MMAction2 annotation files.

    python tools/data/build_ucf101_annotations.py \
        --videos data/ucf101/videos --splits data/ucf101/ucfTrainTestlist \
        --out-dir data/ucf101 [--split 1]

Writes, for each split N, MMAction2 annotation files (lines
"<Class>/<video>.avi <0-based label>"):
  ucf101_train_split_N_videos.txt  the official train list less the
                                   validation groups
  ucf101_val_split_N_videos.txt    3 groups of the train list, held out for
                                   model selection (--val-groups, --seed)
  ucf101_test_split_N_videos.txt   the official test list, reported once
and lists the videos left out because they are missing or unreadable. A
video is readable when it passes the check that the tools and the
recognition pipelines share (check_video_frames): a truncated copy, whose
header still claims every frame, is left out with both counts, unless
--allow-truncated.
"""
import argparse
import os
import os.path as osp
import sys
from typing import Dict, List, Tuple

from vosgan_mm.datasets import (VideoDataError, build_split, hold_out_groups,
                                read_class_index)
from vosgan_mm.datasets.output_files import WriteError, write_text
from vosgan_mm.datasets.video_decoding import check_decodable_frames
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

TOOL = osp.basename(__file__)


def parse_args():
    parser = argparse.ArgumentParser(description='UCF101 annotations')
    parser.add_argument(
        '--videos',
        required=True,
        help='folder of the class folders, UCF-101/ (default: none, '
        'required)')
    parser.add_argument(
        '--splits',
        required=True,
        help='folder of classInd.txt and the split lists (default: none, '
        'required)')
    parser.add_argument(
        '--out-dir',
        required=True,
        help='where the annotation files are written (default: none, '
        'required)')
    parser.add_argument(
        '--split',
        type=int,
        nargs='+',
        default=[1, 2, 3],
        choices=[1, 2, 3],
        help='official splits to write files for (default: 1 2 3)')
    parser.add_argument(
        '--val-groups',
        type=int,
        default=3,
        help='groups of the train list held out for validation '
        '(default: %(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the held-out groups (default: %(default)s)')
    parser.add_argument(
        '--no-read-check',
        action='store_true',
        help='only check that the files exist, without decoding them '
        '(default: False)')
    parser.add_argument(
        '--allow-truncated',
        action='store_true',
        help='keep a truncated or damaged video that decodes some frames '
        '(default: leave it out)')
    add_debug_argument(parser)
    return parser.parse_args()


def keep_decodable(lines: List[str], video_root: str, allow_truncated: bool,
                   checked: Dict[str, str]) -> Tuple[List[str], List[str]]:
    """The annotation lines whose video passes the decode check, and a
    problem per other; ``checked`` remembers each video's result (''
    when it passes) across the splits, which list every video again."""
    kept, problems = [], []
    for line in lines:
        path = osp.join(video_root, line.split()[0])
        if path not in checked:
            try:
                check_decodable_frames(path, allow_truncated=allow_truncated)
                checked[path] = ''
            except VideoDataError as error:
                checked[path] = f'unreadable: {error}'
        if checked[path]:
            problems.append(checked[path])
        else:
            kept.append(line)
    return kept, problems


def main():
    args = parse_args()
    classes = read_class_index(osp.join(args.splits, 'classInd.txt'))
    os.makedirs(args.out_dir, exist_ok=True)
    checked = {}
    for split in args.split:
        subsets = {}
        for subset, listed in (('train', 'trainlist'), ('test', 'testlist')):
            subsets[subset], problems = build_split(
                osp.join(args.splits, f'{listed}{split:02d}.txt'),
                classes,
                args.videos,
                check_readable=False)
            if not args.no_read_check:
                subsets[subset], unreadable = keep_decodable(
                    subsets[subset], args.videos, args.allow_truncated,
                    checked)
                problems += unreadable
            for problem in problems:
                print(f'  left out: {problem}')
        subsets['train'], subsets['val'], held = hold_out_groups(
            subsets['train'], args.val_groups, args.seed)
        print(f'split {split}: groups {", ".join(map(str, held))} of the '
              'train list held out for validation')
        for subset in ('train', 'val', 'test'):
            lines = subsets[subset]
            out = osp.join(args.out_dir,
                           f'ucf101_{subset}_split_{split}_videos.txt')
            try:
                write_text(out, '\n'.join(lines) + ('\n' if lines else ''))
            except WriteError as error:
                sys.exit(f'{TOOL}: error: {error}')
            print(f'{out}: {len(lines)} videos')


if __name__ == '__main__':
    run_tool(main)
