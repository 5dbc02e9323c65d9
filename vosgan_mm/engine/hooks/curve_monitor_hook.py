import json
import os.path as osp
from typing import List, Optional

from mmengine.dist import is_main_process
from mmengine.hooks import Hook


class CurveMonitorHook(Hook):
    """What the training monitors share: a figure measured before training,
    every ``interval`` iterations and after the last one, kept as a curve in
    ``<work_dir>/<out_file>`` beside figures measured once (``baseline``),
    sent to the log and the visualizer's scalars; a resumed run continues
    the curve of its work dir.

    A subclass sets ``curve_key``, ``baseline_key`` and ``scalar_prefix``
    (the JSON keys and the scalars' prefix) and defines :meth:`measure`,
    :meth:`describe` and, for figures measured once, :meth:`measure_baseline`.

    Args:
        interval (int): Iterations between measurements.
        out_file (str): JSON file in the work dir.
    """

    priority = 'LOW'
    curve_key = 'curve'
    baseline_key = 'baseline'
    scalar_prefix = 'monitor'

    def __init__(self, interval: int, out_file: str):
        self.interval = interval
        self.out_file = out_file
        self.curve: List[dict] = []
        self.baseline: Optional[dict] = None

    def measure(self, runner) -> dict:
        """The figures of the model as it is now."""
        raise NotImplementedError

    def describe(self, iteration: int, figures: dict) -> str:
        """The log line of one measurement."""
        raise NotImplementedError

    def measure_baseline(self, runner) -> Optional[dict]:
        """Figures measured once (and logged here), or None."""
        return None

    def _write(self, runner) -> None:
        with open(osp.join(runner.work_dir, self.out_file), 'w') as f:
            json.dump(
                {
                    self.baseline_key: self.baseline,
                    self.curve_key: self.curve
                },
                f,
                indent=1)

    def _record(self, runner, iteration: int) -> None:
        figures = self.measure(runner)
        self.curve.append(dict(iter=iteration, **figures))
        runner.logger.info(self.describe(iteration, figures))
        runner.visualizer.add_scalars(
            {
                f'{self.scalar_prefix}/{k}': v
                for k, v in figures.items()
            },
            step=iteration)
        self._write(runner)

    def before_train(self, runner) -> None:
        if not is_main_process():
            return
        path = osp.join(runner.work_dir, self.out_file)
        if osp.isfile(path):  # a resumed run continues its curve
            with open(path) as f:
                saved = json.load(f)
            if isinstance(saved, list):  # a curve saved without figures
                saved = {self.baseline_key: None, self.curve_key: saved}
            self.baseline = saved[self.baseline_key]
            self.curve = [
                e for e in saved[self.curve_key] if e['iter'] <= runner.iter
            ]
        if self.baseline is None:
            self.baseline = self.measure_baseline(runner)
        if not any(e['iter'] == runner.iter for e in self.curve):
            self._record(runner, runner.iter)

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if not is_main_process():
            return
        if self.every_n_train_iters(runner, self.interval) or \
                self.is_last_train_iter(runner):
            self._record(runner, runner.iter + 1)
