import json
from types import SimpleNamespace

import cv2
import numpy as np
from mmengine.dataset import RepeatDataset

from tests.conftest import tiny_demo_config
from vosgan_mm.datasets import SkippedClips
from vosgan_mm.engine import BadClipReportHook
from vosgan_mm.registry import DATASETS, RUNNERS


def golf_config(root, num_good=3, frame_size=128):
    """A golf data set of ``num_good`` good strips and ``bad.jpg``, a strip
    cut in half, that training skips."""
    (root / 'frames').mkdir(parents=True)
    names = ['bad.jpg'] + [f'good{i}.jpg' for i in range(num_good)]
    for name in names:
        strip = np.full((frame_size * 20, frame_size, 3), 90, np.uint8)
        cv2.imwrite(str(root / 'frames' / name), strip)
    data = (root / 'frames' / 'bad.jpg').read_bytes()
    (root / 'frames' / 'bad.jpg').write_bytes(data[:len(data) // 2])
    (root / 'golf.txt').write_text('\n'.join(names) + '\n')
    return dict(
        type='GolfStripDataset',
        data_root=str(root),
        ann_file='golf.txt',
        data_prefix=dict(video='frames'),
        on_bad_clip='skip',
        pipeline=[
            dict(type='LoadGolfStrip', frame_size=frame_size),
            dict(type='PackVideoGANInputs')
        ])


class ListLogger:

    def __init__(self):
        self.messages = []

    def info(self, message):
        self.messages.append(message)


def fake_runner(dataset, work_dir):
    return SimpleNamespace(
        train_dataloader=SimpleNamespace(dataset=dataset),
        work_dir=str(work_dir),
        logger=ListLogger(),
        iter=0)


def logged(runner):
    return runner.logger.messages


def test_reports_counts_and_new_files_every_interval_and_epoch(tmp_path):
    dataset = DATASETS.build(golf_config(tmp_path / 'golf'))
    runner = fake_runner(RepeatDataset(dataset, times=2), tmp_path)
    hook = BadClipReportHook(interval=2)
    hook.after_train_iter(runner, 0)  # 1 iteration done: no report
    assert logged(runner) == []

    dataset[0]  # bad.jpg is skipped, a good strip drawn
    runner.iter = 1
    hook.after_train_iter(runner, 1)  # 2 iterations done
    bad = str(tmp_path / 'golf' / 'frames' / 'bad.jpg')
    [message] = logged(runner)
    count = dataset.skipped_clips.count
    assert message.startswith(f'skipped clips: {count} since the last '
                              f'report, {count} in all, 1 distinct\n  {bad}'
                              ': cannot read the golf strip (OSError: '
                              'image file is truncated')
    report = json.loads((tmp_path / 'skipped_clips.json').read_text())
    assert report['iter'] == 2 and report['num_skipped'] == count
    assert report['all_listed'] is True
    [clip] = report['clips']
    assert clip['clip'] == bad and clip['index'] == 0
    assert clip['reason'].startswith(f'{bad}: cannot read the golf strip')

    dataset[0]
    runner.iter = 3
    hook.after_train_epoch(runner)
    hook.after_train(runner)  # same iteration: no second report
    assert len(logged(runner)) == 2
    new_count = dataset.skipped_clips.count
    # the file was listed in the first report, not again
    assert logged(runner)[1] == (
        f'skipped clips: {new_count - count} since the last report, '
        f'{new_count} in all, 1 distinct')
    report = json.loads((tmp_path / 'skipped_clips.json').read_text())
    assert report['iter'] == 3 and report['num_skipped'] == new_count
    assert [c['clip'] for c in report['clips']] == [bad]


def test_a_full_record_is_reported_as_not_listing_all(tmp_path):
    dataset = DATASETS.build(golf_config(tmp_path / 'golf'))
    dataset.skipped_clips = SkippedClips(capacity=1)
    dataset[0]
    runner = fake_runner(dataset, tmp_path)
    BadClipReportHook().after_train(runner)
    report = json.loads((tmp_path / 'skipped_clips.json').read_text())
    assert report['all_listed'] is False


def test_runner_with_two_workers_reports_the_skips_made_in_them(tmp_path):
    cfg = tiny_demo_config(
        tmp_path / 'work', **{
            'model.loss_weights.flow_fake': 0.0,
            'model.loss_weights.flow_real': 0.0,
            'train_dataloader.num_workers': 2,
            'train_dataloader.persistent_workers': True,
            'train_cfg.max_iters': 4,
            'custom_hooks': [dict(type='BadClipReportHook', interval=2)]
        })
    # 4 clips, batches of 2: training sees every clip twice, bad.jpg too
    cfg.train_dataloader.dataset = golf_config(
        tmp_path / 'golf', frame_size=64)
    runner = RUNNERS.build(cfg)
    runner.train()
    dataset = runner.train_dataloader.dataset
    assert dataset.skipped_clips.count >= 2
    report = json.loads((tmp_path / 'work' / 'skipped_clips.json').read_text())
    assert report['iter'] == 4 and report['num_skipped'] >= 2
    bad = str(tmp_path / 'golf' / 'frames' / 'bad.jpg')
    assert [c['clip'] for c in report['clips']] == [bad]
    log = (tmp_path / 'work' / runner.timestamp /
           f'{runner.timestamp}.log').read_text()
    assert 'skipped clips: ' in log and 'bad.jpg' in log
