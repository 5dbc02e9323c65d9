"""The paper's Table 3: a human preference study between two sources of
videos (two generators, or a generator and real videos).

:func:`write_study` writes a static HTML page of paired sample batches
(which source is on which side is random, and the answer key is a separate
file the page never reads); a person opens ``index.html``, picks the more
realistic side of each pair and saves ``answers.json``.
:func:`tally_answers` turns answer files and the key into percentages.

A side is a list of *batch sources*, each a function ``(num_videos, seed)
-> (T, H', W', 3)`` uint8 grid: :func:`generator_batches` of each trained
instance of a model (the paper drew its batches from three instances: golf,
and golf fine-tuned on UCF101 or DAVIS), or :func:`real_clip_batches` of a
data set. Pair ``n`` shows instance ``n mod k`` of a side with ``k``.
"""
import html
import json
import os
import os.path as osp
from typing import Callable, Dict, List

import numpy as np
import torch

from vosgan_mm.visualization import make_video_grid, to_uint8_frames
from vosgan_mm.visualization import write_video

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
