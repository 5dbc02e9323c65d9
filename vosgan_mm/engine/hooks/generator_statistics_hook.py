import numpy as np
import torch
from mmengine.model import is_model_wrapper

from vosgan_mm.evaluation.video_statistics import (mask_statistics,
                                                   video_statistics)
from vosgan_mm.registry import HOOKS
from vosgan_mm.utils.video_values import video_from_uint8

from .curve_monitor_hook import CurveMonitorHook
from .saved_weights import model_of_the_checkpoints


@torch.no_grad()
def latent_sensitivity(model, num_samples: int, seed: int) -> dict:
    """How much each latent code moves the generated videos: for every code
    that ``model.sample_latents`` draws (``z_scene`` and ``z_motion`` for
    VOS-GAN, ``z`` for VGAN), the RMS change of ``model.generate``'s videos
    (on the [-1, 1] scale) when that code alone is redrawn from seed
    ``seed + 1``.

    Returns:
        dict: ``sensitivity_<code>`` per code.
    """
    latents = model.sample_latents(num_samples, seed)
    redrawn = model.sample_latents(num_samples, seed + 1)
    base = model.generate(**latents)['video'].float()
    sensitivity = {}
    for key in latents:
        video = model.generate(**{**latents, key: redrawn[key]})['video']
        change = (video.float() - base).pow(2).mean().sqrt()
        sensitivity[f'sensitivity_{key}'] = float(change)
    return sensitivity


@HOOKS.register_module()
class GeneratorStatisticsHook(CurveMonitorHook):
    """Tracks whether the generator makes distinct, moving videos and what
    its mask looks like, against the same figures of real training clips.

    Before training (with the real clips' figures), every ``interval``
    iterations and after the last one, the generator (``model.generate``:
    eval mode, the EMA generator if kept) runs on fixed noise; the log,
    the visualizer's scalars (``gen/<name>``) and ``<work_dir>/<out_file>``
    get :func:`video_statistics` (``diversity``, ``frame_change``,
    ``moving_share``), :func:`latent_sensitivity` (``sensitivity_<code>``
    for each latent code: a motion code the generator ignores shows as
    about 0) and, for generators with a mask, :func:`mask_statistics`.

    Args:
        interval (int): Iterations between measurements. Defaults to 100.
        num_samples (int): Generated (and real) videos. Defaults to 16.
        seed (int): Seed of the fixed noise. Defaults to 2025.
        out_file (str): JSON file in the work dir. Defaults to
            ``'generator_statistics.json'``.
    """

    curve_key = 'generated'
    baseline_key = 'real'
    scalar_prefix = 'gen'

    def __init__(self,
                 interval: int = 100,
                 num_samples: int = 16,
                 seed: int = 2025,
                 out_file: str = 'generator_statistics.json'):
        if num_samples < 2:
            raise ValueError('GeneratorStatisticsHook needs num_samples >= '
                             f'2 to measure diversity, got {num_samples}')
        super().__init__(interval, out_file)
        self.num_samples = num_samples
        self.seed = seed

    @staticmethod
    def _unwrap(model):
        return model.module if is_model_wrapper(model) else model

    def real_statistics(self, dataset) -> dict:
        """:func:`video_statistics` of ``num_samples`` clips spread over
        ``dataset`` (its full pipeline: ``inputs['video']`` (3, T, H, W)
        uint8)."""
        indices = np.linspace(0, len(dataset) - 1, self.num_samples)
        clips = [dataset[int(i)]['inputs']['video'] for i in indices.round()]
        video = video_from_uint8(torch.stack(clips))
        return video_statistics(video)

    def measure(self, runner) -> dict:
        return self.generated_statistics(model_of_the_checkpoints(runner))

    def generated_statistics(self, model) -> dict:
        model = self._unwrap(model)
        fake = model.generate(
            **model.sample_latents(self.num_samples, self.seed))
        stats = video_statistics(fake['video'])
        stats.update(latent_sensitivity(model, self.num_samples, self.seed))
        if 'mask' in fake:
            stats.update(mask_statistics(fake['mask']))
        return stats

    def measure_baseline(self, runner) -> dict:
        real = self.real_statistics(runner.train_dataloader.dataset)
        text = '  '.join(f'{k} {v:.3f}' for k, v in real.items())
        runner.logger.info(f'real training clips: {text}')
        return real

    def describe(self, iteration: int, figures: dict) -> str:
        text = '  '.join(f'{k} {v:.3f}' for k, v in figures.items())
        return f'generator at iteration {iteration}: {text}'
