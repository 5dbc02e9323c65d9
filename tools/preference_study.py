"""The paper's Table 3: a human preference study between two generators,
or a generator and real videos.

    # write the page (open study/index.html in a browser)
    python tools/preference_study.py make \
        VOS-GAN=configs/vosgan_demo.py:work_dirs/vosgan_demo/iter_900.pth \
        VGAN=configs/vgan_demo.py:work_dirs/vgan_demo/iter_900.pth \
        --out-dir study [--pairs 20]
    # several trained instances of a model (the paper: golf, and golf
    # fine-tuned on UCF101 or DAVIS), pair n showing instance n mod 3;
    # against real clips of a config's test set
    python tools/preference_study.py make \
        VOS-GAN=configs/vosgan_golf.py:golf.pth,ucf101.pth,davis.pth \
        real=real:configs/vosgan_golf.py --out-dir study
    # count the participants' answers.json files
    python tools/preference_study.py tally --key study/answer_key.json \
        answers1.json answers2.json
"""
import argparse
import json

from mmengine.config import Config
from mmengine.registry import init_default_scope

from vosgan_mm.apis import load_gan
from vosgan_mm.apis.tool_errors import add_debug_argument, run_tool
from vosgan_mm.evaluation import (generator_batches, real_clip_batches,
                                  tally_answers, write_study)
from vosgan_mm.registry import DATASETS


def parse_args():
    parser = argparse.ArgumentParser(description='Human preference study')
    sub = parser.add_subparsers(dest='command', required=True)
    make = sub.add_parser('make', help='write the study page')
    make.add_argument(
        'models',
        nargs=2,
        help='NAME=CONFIG:CHECKPOINT[,CHECKPOINT...] (one or several '
        'trained instances), or NAME=real:CONFIG (real clips of its test '
        'set)')
    make.add_argument('--out-dir', default='preference_study')
    make.add_argument('--pairs', type=int, default=20)
    make.add_argument('--videos-per-side', type=int, default=4)
    make.add_argument('--seed', type=int, default=0)
    tally = sub.add_parser('tally', help='count the answers')
    tally.add_argument('--key', required=True)
    tally.add_argument('answers', nargs='+')
    add_debug_argument(parser)
    return parser.parse_args()


def parse_side(text: str):
    """``NAME=CONFIG:CKPT[,CKPT...]`` or ``NAME=real:CONFIG`` -> (name,
    batch sources)."""
    name, _, rest = text.partition('=')
    if rest.startswith('real:'):
        cfg = Config.fromfile(rest[len('real:'):])
        init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
        return name, [
            real_clip_batches(DATASETS.build(cfg.test_dataloader.dataset))
        ]
    config, _, checkpoints = rest.rpartition(':')
    if not (name and config and checkpoints):
        raise SystemExit(f'expected NAME=CONFIG:CHECKPOINT[,CHECKPOINT...] '
                         f'or NAME=real:CONFIG, got "{text}"')
    return name, [
        generator_batches(load_gan(config, checkpoint))
        for checkpoint in checkpoints.split(',')
    ]


def main():
    args = parse_args()
    if args.command == 'make':
        sources = dict(parse_side(text) for text in args.models)
        written = write_study(args.out_dir, sources, args.pairs,
                              args.videos_per_side, args.seed)
        print(f'open {written["page"]} in a browser; keep {written["key"]} '
              'from the participants')
        return
    with open(args.key) as f:
        key = json.load(f)
    answers = []
    for path in args.answers:
        with open(path) as f:
            answers.append(json.load(f))
    result = tally_answers(key, answers)
    print('| model | preferred (%) | votes |\n|---|---|---|')
    for name in key['models']:
        print(f'| {name} | {result["percent"][name]:.1f} | '
              f'{result["votes"][name]} |')
    print(f'{result["answered"]} answers, {result["unanswered"]} pairs '
          'left unanswered')


if __name__ == '__main__':
    run_tool(main)
