"""The paper's Table 3: a human preference study between two generators,
or a generator and real videos.

    # write the page (open study/index.html in a browser)
    python tools/preference_study.py make \
        VOS-GAN=configs/vosgan/vosgan_900i_sprites.py:\
work_dirs/vosgan_900i_sprites/iter_900.pth \
        VGAN=configs/vgan/vgan_900i_sprites.py:\
work_dirs/vgan_900i_sprites/iter_900.pth \
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
import html
import json
import os
import os.path as osp
import sys
from typing import Callable, Dict, List

import numpy as np
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.utils import ProgressBar

from vosgan_mm.apis import load_gan
from vosgan_mm.registry import DATASETS
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool
from vosgan_mm.visualization import (make_video_grid, to_uint8_frames,
                                     write_video)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Which video looks real?</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:auto}}
.pair{{display:flex;gap:2em;align-items:center;margin:1.5em 0}}
label{{display:flex;flex-direction:column;align-items:center}}</style>
</head><body>
<h1>Which videos look more realistic?</h1>
<p>For each pair, choose the side whose videos look more like real videos.
Then press "Save answers" and send the file <code>answers.json</code>.</p>
{pairs}
<button onclick="save()">Save answers</button>
<script>
function save() {{
  const answers = {{}};
  document.querySelectorAll('input:checked').forEach(
      r => answers[r.name] = r.value);
  const blob = new Blob([JSON.stringify(answers, null, 1)],
                        {{type: 'application/json'}});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'answers.json';
  a.click();
}}
</script></body></html>
"""

PAIR = """<div class="pair"><b>{n}</b>
<label><img src="{left}"><span><input type="radio" name="{pid}" value="left">
left</span></label>
<label><img src="{right}"><span><input type="radio" name="{pid}"
value="right"> right</span></label></div>"""

BatchSource = Callable[[int, int], np.ndarray]


def _row(frames: np.ndarray) -> np.ndarray:
    """(N, T, H, W, 3) uint8 videos -> one row of a grid."""
    return make_video_grid([frames[i:i + 1] for i in range(len(frames))])


def generator_batches(model) -> BatchSource:
    """Batches of a trained generator, from seeded latents."""

    @torch.no_grad()
    def sample(num_videos: int, seed: int) -> np.ndarray:
        latents = model.sample_latents(num_videos, seed)
        return _row(to_uint8_frames(model.generate(**latents)['video']))

    return sample


def real_clip_batches(dataset) -> BatchSource:
    """Batches of real clips (``inputs['video']``, (3, T, H, W) uint8) of a
    data set, drawn by seed without repeats."""

    def sample(num_videos: int, seed: int) -> np.ndarray:
        rng = np.random.default_rng(seed)
        picks = rng.choice(len(dataset), num_videos, replace=False)
        videos = torch.stack(
            [dataset[int(i)]['inputs']['video'] for i in picks])
        return _row(videos.permute(0, 2, 3, 4, 1).numpy())

    return sample


def write_study(out_dir: str,
                sources: Dict[str, List[BatchSource]],
                num_pairs: int = 20,
                videos_per_side: int = 4,
                seed: int = 0) -> Dict[str, str]:
    """Writes ``index.html``, one GIF per side of each pair and
    ``answer_key.json`` (keep it from the participants).

    Args:
        sources: Exactly two sides by name, each a list of batch sources
            (its trained instances, or real clips).
    """
    if len(sources) != 2:
        raise ValueError(f'a study compares two models, got {len(sources)}')
    names = list(sources)
    rng = np.random.default_rng(seed)
    os.makedirs(out_dir, exist_ok=True)
    key, rows = {}, []
    bar = ProgressBar(num_pairs, file=sys.stderr)
    for n in range(num_pairs):
        pid = f'pair_{n:03d}'
        order = names if rng.random() < 0.5 else names[::-1]
        key[pid] = dict(left=order[0], right=order[1])
        files = {}
        for side, name in zip(('left', 'right'), order):
            instances = sources[name]
            grid = instances[n % len(instances)](videos_per_side,
                                                 seed * 1000 + n)
            key[pid][f'{side}_instance'] = n % len(instances)
            files[side] = f'{pid}_{side}.gif'
            write_video(osp.join(out_dir, files[side]), grid)
        rows.append(PAIR.format(n=n + 1, pid=pid, **files))
        bar.update()
    page = osp.join(out_dir, 'index.html')
    with open(page, 'w') as f:
        f.write(PAGE.format(pairs='\n'.join(rows)))
    key_file = osp.join(out_dir, 'answer_key.json')
    with open(key_file, 'w') as f:
        json.dump(dict(models=names, pairs=key), f, indent=2)
    return dict(page=page, key=key_file)


def tally_answers(key: dict, answers: List[dict]) -> dict:
    """Preference percentages of each model over all answered pairs.

    Args:
        key (dict): The study's ``answer_key.json``.
        answers (list[dict]): One ``answers.json`` per participant
            (pair id -> ``'left'`` or ``'right'``).
    """
    votes = {name: 0 for name in key['models']}
    unanswered = 0
    for participant in answers:
        for pid, sides in key['pairs'].items():
            choice = participant.get(pid)
            if choice is None:
                unanswered += 1
                continue
            if choice not in ('left', 'right'):
                raise ValueError(f'answer "{html.escape(str(choice))}" for '
                                 f'{pid}: expected left or right')
            votes[sides[choice]] += 1
    total = sum(votes.values())
    return dict(
        votes=votes,
        answered=total,
        unanswered=unanswered,
        percent={
            name: (100.0 * v / total if total else 0.0)
            for name, v in votes.items()
        })


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
    make.add_argument(
        '--out-dir',
        default='preference_study',
        help='where index.html, the GIFs and answer_key.json are written '
        '(default: %(default)s)')
    make.add_argument(
        '--pairs',
        type=int,
        default=20,
        help='pairs of GIFs the participants compare '
        '(default: %(default)s)')
    make.add_argument(
        '--videos-per-side',
        type=int,
        default=4,
        help='videos in each GIF (default: %(default)s)')
    make.add_argument(
        '--seed',
        type=int,
        default=0,
        help='seed of the sides\' order and of the videos '
        '(default: %(default)s)')
    tally = sub.add_parser('tally', help='count the answers')
    tally.add_argument(
        '--key',
        required=True,
        help='the answer_key.json that make wrote (default: none, required)')
    tally.add_argument(
        'answers', nargs='+', help='the participants\' answers.json files')
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
