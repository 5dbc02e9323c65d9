import json
import os.path as osp
from typing import List, Optional

import numpy as np
import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from vosgan_mm.evaluation.video_statistics import (mask_statistics,
                                                   video_statistics)
from vosgan_mm.registry import HOOKS


@HOOKS.register_module()
class GeneratorStatisticsHook(Hook):
    """Tracks whether the generator makes distinct, moving videos and what
    its mask looks like, against the same figures of real training clips.

    Before training (with the real clips' figures), every ``interval``
    iterations and after the last one, the generator (``model.generate``:
    eval mode, the EMA generator if kept) runs on fixed noise; the log,
    the visualizer's scalars (``gen/<name>``) and ``<work_dir>/<out_file>``
    get :func:`video_statistics` (``diversity``, ``frame_change``,
    ``moving_share``) and, for generators with a mask,
    :func:`mask_statistics`.

    Args:
        interval (int): Iterations between measurements. Defaults to 100.
        num_samples (int): Generated (and real) videos. Defaults to 16.
        seed (int): Seed of the fixed noise. Defaults to 2025.
        out_file (str): JSON file in the work dir. Defaults to
            ``'generator_statistics.json'``.
    """

    priority = 'LOW'

    def __init__(self,
                 interval: int = 100,
                 num_samples: int = 16,
                 seed: int = 2025,
                 out_file: str = 'generator_statistics.json'):
        if num_samples < 2:
            raise ValueError('GeneratorStatisticsHook needs num_samples >= '
                             f'2 to measure diversity, got {num_samples}')
        self.interval = interval
        self.num_samples = num_samples
        self.seed = seed
        self.out_file = out_file
        self.real: Optional[dict] = None
        self.curve: List[dict] = []

    @staticmethod
    def _unwrap(model):
        return model.module if is_model_wrapper(model) else model

    def real_statistics(self, dataset) -> dict:
        """:func:`video_statistics` of ``num_samples`` clips spread over
        ``dataset`` (its full pipeline: ``inputs['video']`` (3, T, H, W)
        uint8)."""
        indices = np.linspace(0, len(dataset) - 1, self.num_samples)
        clips = [dataset[int(i)]['inputs']['video'] for i in indices.round()]
        video = torch.stack(clips).float() / 127.5 - 1
        return video_statistics(video)

    def generated_statistics(self, model) -> dict:
        model = self._unwrap(model)
        fake = model.generate(
            **model.sample_latents(self.num_samples, self.seed))
        stats = video_statistics(fake['video'])
        if 'mask' in fake:
            stats.update(mask_statistics(fake['mask']))
        return stats

    def _write(self, runner) -> None:
        with open(osp.join(runner.work_dir, self.out_file), 'w') as f:
            json.dump(dict(real=self.real, generated=self.curve), f, indent=1)

    def _record(self, runner, iteration: int) -> None:
        stats = self.generated_statistics(runner.model)
        self.curve.append(dict(iter=iteration, **stats))
        text = '  '.join(f'{k} {v:.3f}' for k, v in stats.items())
        runner.logger.info(f'generator at iteration {iteration}: {text}')
        runner.visualizer.add_scalars({
            f'gen/{k}': v
            for k, v in stats.items()
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
            self.real = saved['real']
            self.curve = [
                e for e in saved['generated'] if e['iter'] <= runner.iter
            ]
        if self.real is None:
            self.real = self.real_statistics(runner.train_dataloader.dataset)
            text = '  '.join(f'{k} {v:.3f}' for k, v in self.real.items())
            runner.logger.info(f'real training clips: {text}')
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
