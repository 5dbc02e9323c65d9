import json
import os
import os.path as osp
from typing import Iterator, Optional

from mmengine.dist import all_gather_object, is_main_process
from mmengine.hooks import Hook

from vosgan_mm.registry import HOOKS

MAX_LOGGED = 20  # newly skipped clips listed per report; all are in the file


def datasets_counting_skips(dataset) -> Iterator:
    """The data sets with ``skipped_clips`` in ``dataset``, looking inside
    MMEngine's wrappers (``ConcatDataset``, ``RepeatDataset``...)."""
    if hasattr(dataset, 'skipped_clips'):
        yield dataset
    for inner in getattr(dataset, 'datasets', []):
        yield from datasets_counting_skips(inner)
    if hasattr(dataset, 'dataset'):
        yield from datasets_counting_skips(dataset.dataset)


@HOOKS.register_module()
class BadClipReportHook(Hook):
    """Reports the clips that the training data set skipped: bad files
    where its ``on_bad_clip`` is ``'skip'``, and clips that a loading rule
    drops (golf strips under 16 frames).

    At the end of every epoch, every ``interval`` iterations and after
    training, it logs how many clips were skipped since its last report and
    in all, and the clips not reported before with their reasons (the
    first 20); and it writes them all to ``out_file`` in the work dir:
    ``iter`` (iterations done), ``num_skipped`` (skips counted, a clip
    drawn twice counting twice), ``clips`` (``clip``, ``index``, ``reason``
    of each distinct skipped clip) and ``all_listed`` (False once a data
    set's record was full and later clips may be missing). The counts are
    shared by the DataLoader's worker processes, which load ahead of
    training, and summed over distributed ranks; a resumed run counts from
    zero.

    Args:
        interval (int): Iterations between reports. Defaults to 1000.
        out_file (str): File name in the work dir. Defaults to
            ``'skipped_clips.json'``.
    """

    priority = 'VERY_LOW'

    def __init__(self,
                 interval: int = 1000,
                 out_file: str = 'skipped_clips.json'):
        self.interval = interval
        self.out_file = out_file
        self._reported_at = None  # iterations done at the last report
        self._last_count = 0
        self._logged = set()

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        if self.every_n_train_iters(runner, self.interval):
            self._report(runner, runner.iter + 1)

    def after_train_epoch(self, runner) -> None:
        self._report(runner, runner.iter)

    def after_train(self, runner) -> None:
        self._report(runner, runner.iter)

    def _local_skips(self, runner):
        count, clips, all_listed = 0, [], True
        for dataset in datasets_counting_skips(
                runner.train_dataloader.dataset):
            skipped = dataset.skipped_clips
            count += skipped.count
            all_listed = all_listed and not skipped.full
            clips += [
                dict(
                    clip=dataset.clip_name(dataset.get_data_info(index)),
                    index=index,
                    reason=reason) for index, reason in skipped.records()
            ]
        return count, clips, all_listed

    def _report(self, runner, iters_done: int) -> None:
        if iters_done == self._reported_at:
            return
        self._reported_at = iters_done
        count, clips, all_listed = 0, {}, True
        for rank_count, rank_clips, rank_all_listed in all_gather_object(
                self._local_skips(runner)):
            count += rank_count
            all_listed = all_listed and rank_all_listed
            for clip in rank_clips:
                clips.setdefault(clip['clip'], clip)
        new = [c for name, c in clips.items() if name not in self._logged]
        self._logged.update(clips)
        lines = [
            c['reason'] if c['reason'].startswith(c['clip']) else
            f'{c["clip"]}: {c["reason"]}' for c in new[:MAX_LOGGED]
        ]
        if len(new) > MAX_LOGGED:
            lines.append(f'... {len(new) - MAX_LOGGED} more in '
                         f'{self.out_file}')
        runner.logger.info(
            f'skipped clips: {count - self._last_count} since the last '
            f'report, {count} in all, {len(clips)} distinct' +
            ''.join(f'\n  {line}' for line in lines))
        self._last_count = count
        if is_main_process():
            self._write(
                osp.join(runner.work_dir, self.out_file),
                dict(
                    iter=iters_done,
                    num_skipped=count,
                    clips=list(clips.values()),
                    all_listed=all_listed))

    @staticmethod
    def _write(path: str, report: dict) -> None:
        # written aside, then renamed: a reader never sees half a file
        with open(path + '.tmp', 'w') as f:
            json.dump(report, f, indent=2)
        os.replace(path + '.tmp', path)
