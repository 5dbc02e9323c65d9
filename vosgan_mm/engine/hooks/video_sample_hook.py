import glob
import os
import os.path as osp
from typing import Sequence

from mmengine.dist import is_main_process
from mmengine.hooks import Hook

from vosgan_mm.evaluation.video_statistics import (mask_statistics,
                                                   video_statistics)
from vosgan_mm.registry import HOOKS
from vosgan_mm.visualization import generator_output_grid, write_video

from .saved_weights import model_of_the_checkpoints


@HOOKS.register_module()
class VideoSampleHook(Hook):
    """Writes a grid of generated samples from fixed noise during training.

    Every ``interval`` iterations (and after the last one) the model's
    ``generate`` runs on the same latent codes and a grid with one row per
    sample and the columns video | mask | background | foreground is written
    to ``<work_dir>/<out_dir>/iter_<n>.<ext>`` for each extension. The log
    line that names the files also gives the samples' diversity and motion
    (:func:`video_statistics`) and their mask's statistics
    (:func:`mask_statistics`), so what the grid shows can be read as
    figures.

    The grid's middle frame also goes to the runner's visualizer as the
    image ``samples`` at step ``n``, so that every vis backend of the
    config (TensorBoard, W&B, MLflow, local) shows it: MMEngine's
    visualizer and backends take images, not videos.

    Args:
        interval (int): Iterations between samples. Defaults to 500.
        num_samples (int): Rows of the grid. Defaults to 8.
        seed (int): Seed of the fixed noise. Defaults to 2024.
        out_dir (str): Folder under the work dir. Defaults to ``'samples'``.
        formats (Sequence[str]): File extensions. Defaults to ('gif', 'mp4').
        fps (int): Frames per second. Defaults to 8.
        max_keep (int): Dumps kept, the newest (each is every format of one
            iteration, 5-20 MB at full width); older ones are removed. -1
            keeps all. Defaults to 5.
    """

    priority = 'LOW'

    def __init__(self,
                 interval: int = 500,
                 num_samples: int = 8,
                 seed: int = 2024,
                 out_dir: str = 'samples',
                 formats: Sequence[str] = ('gif', 'mp4'),
                 fps: int = 8,
                 max_keep: int = 5):
        self.interval = interval
        self.num_samples = num_samples
        self.seed = seed
        self.out_dir = out_dir
        self.formats = tuple(formats)
        self.fps = fps
        self.max_keep = max_keep

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        if not is_main_process():
            return
        if self.every_n_train_iters(runner, self.interval) or \
                self.is_last_train_iter(runner):
            self.write_samples(runner, f'iter_{runner.iter + 1:07d}')

    def write_samples(self, runner, name: str) -> list:
        model = model_of_the_checkpoints(runner)
        latents = model.sample_latents(self.num_samples, self.seed)
        fake = model.generate(**latents)
        grid = generator_output_grid(fake)
        paths = [
            write_video(
                osp.join(runner.work_dir, self.out_dir, f'{name}.{ext}'),
                grid,
                fps=self.fps) for ext in self.formats
        ]
        runner.visualizer.add_image(
            'samples', grid[len(grid) // 2], step=runner.iter + 1)
        stats = video_statistics(fake['video']) \
            if self.num_samples > 1 else {}
        if 'mask' in fake:
            stats.update(mask_statistics(fake['mask']))
        text = '  '.join(f'{k} {v:.3f}' for k, v in stats.items())
        size = sum(osp.getsize(p) for p in paths) / 2**20
        runner.logger.info(f'samples written to {", ".join(paths)} '
                           f'({size:.1f} MB); {text}')
        self._prune(osp.join(runner.work_dir, self.out_dir))
        return paths

    def _prune(self, folder: str) -> None:
        """Removes all but the newest ``max_keep`` dumps (by name: the
        iteration is zero-padded)."""
        if self.max_keep < 0:
            return
        names = sorted({
            osp.splitext(osp.basename(p))[0]
            for ext in self.formats
            for p in glob.glob(osp.join(folder, f'iter_*.{ext}'))
        })
        for name in names[:max(len(names) - self.max_keep, 0)]:
            for ext in self.formats:
                path = osp.join(folder, f'{name}.{ext}')
                if osp.isfile(path):
                    os.remove(path)
