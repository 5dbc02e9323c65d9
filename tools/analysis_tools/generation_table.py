"""Print the paper's Table 4 layout (FCD, MC, IS, and FID where a config
measures it) for several trained GANs and for real videos, measured with
each config's generation metrics.

    python tools/analysis_tools/generation_table.py \
        VOS-GAN=configs/vosgan/vosgan_900i_sprites.py:\
work_dirs/vosgan_900i_sprites/iter_900.pth \
        VGAN=configs/vgan/vgan_900i_sprites.py:\
work_dirs/vgan_900i_sprites/iter_900.pth \
        [--work-dir work_dirs/table4] [--json table4.json]

The real-videos row compares the first config's test clips with a second set
of real clips of the same data set.
"""

import argparse
import copy
import json
import os
import os.path as osp
from typing import Dict, List, Optional

from mmengine.config import Config

from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import read_config
from vosgan_mm.utils.tool_arguments import add_config_arguments
from vosgan_mm.utils.tool_errors import run_tool


def evaluate_generation(cfg: Config, checkpoint: Optional[str],
                        work_dir: str) -> Dict[str, float]:
    """Runs ``cfg``'s test loop (its generation metrics) with the model of
    ``checkpoint`` and returns the metrics without their prefix."""
    cfg = copy.deepcopy(cfg)
    cfg.work_dir = work_dir
    cfg.load_from = checkpoint
    cfg.resume = False
    cfg.runner_type = 'VOSGANRunner'  # loads the checkpoint strictly
    for key in ('train_dataloader', 'train_cfg', 'optim_wrapper',
                'val_dataloader', 'val_cfg', 'val_evaluator'):
        cfg.pop(key, None)
    cfg.custom_hooks = []
    metrics = RUNNERS.build(cfg).test()
    return {k.split('/')[-1]: float(v) for k, v in metrics.items()}


def other_real_clips(dataset: dict) -> dict:
    """A second set of real clips like the test set's, none of them in it:
    the next seed of a procedural data set, or the next ``indices`` clips.
    """
    other = copy.deepcopy(dataset)
    if 'seed' in other:
        other['seed'] = other['seed'] + 1
    elif isinstance(other.get('indices'), int):
        n = other['indices']
        other['indices'] = list(range(n, 2 * n))
    else:
        raise ValueError(
            'the real-videos row needs real clips other than the test set: '
            'give the test data set a seed or an integer "indices"')
    return other


def real_videos_config(cfg: Config) -> Config:
    """``cfg`` with its model replaced by a second set of real clips."""
    cfg = copy.deepcopy(cfg)
    cfg.model = dict(
        type='RealVideoSource',
        dataset=other_real_clips(cfg.test_dataloader.dataset))
    cfg.pop('model_wrapper_cfg', None)
    return cfg


def _evaluator(cfg: Config, metric: str) -> dict:
    evaluators = cfg.test_evaluator if isinstance(
        cfg.test_evaluator, list) else [cfg.test_evaluator]
    return next((e for e in evaluators if e.get('type') == metric), {})


# the metrics that read a classifier, and their names in the table
CLASSIFIER_METRICS = dict(
    InceptionScore='IS',
    ForegroundContentDistance='FCD',
    FrechetInceptionDistance='FID')

# classifiers whose weights are random unless a checkpoint is given
RANDOM_WITHOUT_CHECKPOINT = ('SmallImageClassifier', 'InceptionV3',
                             'FIDInceptionV3')


def classifier_words(classifier: dict) -> str:
    """A classifier config in words: which network, which weights."""
    kind, checkpoint = classifier.get('type'), classifier.get('checkpoint')
    if not checkpoint and kind in RANDOM_WITHOUT_CHECKPOINT:
        return (f'{kind}, randomly initialised (not Inception: values are '
                'not comparable to the paper\'s)')
    name = dict(
        InceptionV3='Inception-v3',
        FIDInceptionV3='FID\'s Inception-v3 (TensorFlow\'s 2015-12-05 '
        'graph)').get(kind, kind)
    return (f'{name} with weights {checkpoint}'
            if checkpoint else f'{name} with its default weights')


def classifier_note(cfg: Config) -> str:
    """Which classifier IS, FCD and FID used, which of its layers FCD
    compares and which segmenter gave every row's FCD boxes, as the table
    must say."""
    fcd = _evaluator(cfg, 'ForegroundContentDistance')
    # metrics that share a classifier are named together
    users = []
    for metric, name in CLASSIFIER_METRICS.items():
        classifier = _evaluator(cfg, metric).get('classifier')
        if not classifier:
            continue
        shared = next((u for u in users if u[0] == classifier), None)
        if shared:
            shared[1].append(name)
        else:
            users.append((classifier, [name]))
    note = ' '.join(f'{" and ".join(names)}: {classifier_words(c)}.'
                    for c, names in users)
    if fcd:
        layer = dict(fc='fully-connected output', pool='pooled features')
        note += (' FCD features: the classifier\'s '
                 f'{layer[fcd.get("features", "fc")]}.')
        segmenter = fcd.get('segmenter', dict(type='FlowMagnitudeSegmenter'))
        if segmenter is None:
            note += (' FCD boxes: each model\'s own foreground map (rows not '
                     'comparable).')
        else:
            checkpoint = (segmenter.get('init_cfg') or {}).get('checkpoint')
            note += (f' FCD boxes, for every row: {segmenter["type"]}' +
                     (f' ({checkpoint})' if checkpoint else '') + '.')
    fid = _evaluator(cfg, 'FrechetInceptionDistance')
    if fid:
        frames = fid.get('frames_per_video', 1)
        note += (f' FID: {frames} frame{"s" * (frames > 1)} of each '
                 'generated video and of each real clip.')
    return note.strip()


def generation_table(rows: List[dict], note: str = '') -> str:
    """Markdown: one row per model (``name``, ``FCD``, ``MC``, ``IS``, and
    ``IS_mean``/``IS_std`` over splits and ``FID`` where measured)."""
    with_fid = any('FID' in r for r in rows)
    header = ['model', 'FCD (lower is better)', 'MC (lower is better)',
              'IS (higher is better)', 'IS over 10 splits'] + \
        ['FID (lower is better)'] * with_fid
    lines = ['| ' + ' | '.join(header) + ' |', '|---' * len(header) + '|']
    for r in rows:
        cells = [
            r['name'], f'{r["FCD"]:.4g}', f'{r["MC"]:.4g}', f'{r["IS"]:.4g}',
            f'{r["IS_mean"]:.4g} ± {r["IS_std"]:.2g}' if 'IS_mean' in r else ''
        ]
        if with_fid:
            cells.append(f'{r["FID"]:.4g}' if 'FID' in r else '')
        lines.append('| ' + ' | '.join(cells) + ' |')
    if note:
        lines.append('')
        lines.append(note)
    return '\n'.join(lines)


def run_generation_table(entries: List[dict],
                         work_root: str,
                         cfg_options: Optional[dict] = None) -> dict:
    """``entries``: dicts of ``name``, ``config``, ``checkpoint``. Adds a
    real-videos row measured on the first entry's test set.
    ``cfg_options`` are merged into every config."""
    rows = []
    first_cfg = None
    for entry in entries:
        cfg = read_config(entry['config'])
        if cfg_options:
            cfg.merge_from_dict(cfg_options)
        first_cfg = first_cfg or cfg
        metrics = evaluate_generation(cfg, entry['checkpoint'],
                                      osp.join(work_root, entry['name']))
        rows.append(dict(name=entry['name'], **metrics))
    real = evaluate_generation(
        real_videos_config(first_cfg), None, osp.join(work_root,
                                                      'real_videos'))
    rows.append(dict(name='real videos', **real))
    note = classifier_note(first_cfg)
    return dict(rows=rows, note=note, markdown=generation_table(rows, note))


def parse_args():
    parser = argparse.ArgumentParser(description='Table 4 of the paper')
    parser.add_argument('entries', nargs='+', help='NAME=CONFIG:CHECKPOINT')
    parser.add_argument(
        '--work-dir',
        default='work_dirs/generation_table',
        help='where each row\'s test run writes its logs, one folder a row '
        '(default: %(default)s)')
    parser.add_argument(
        '--json',
        help='where the table is written as JSON '
        '(default: <work-dir>/table4.json)')
    add_config_arguments(
        parser, 'merged into every config, e.g. '
        'test_dataloader.dataset.num_clips=64 (default: none)')
    return parser.parse_args()


def main():
    args = parse_args()
    entries = []
    for text in args.entries:
        name, sep, rest = text.partition('=')
        config, sep2, checkpoint = rest.rpartition(':')
        if not (sep and sep2):
            raise SystemExit(f'expected NAME=CONFIG:CHECKPOINT, got "{text}"')
        entries.append(dict(name=name, config=config, checkpoint=checkpoint))
    table = run_generation_table(entries, args.work_dir, args.cfg_options)
    print(table['markdown'])
    out = args.json or osp.join(args.work_dir, 'table4.json')
    os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(table, f, indent=2)
    print(f'written to {out}')


if __name__ == '__main__':
    run_tool(main)
