"""Sampling a trained GAN: sample sheets and the paper's Fig. 1 views."""
import os.path as osp
from typing import Dict, List

import numpy as np
import torch

from vosgan_mm.datasets.output_files import (check_written_video,
                                             replace_on_success)
from vosgan_mm.models import load_gan  # noqa: F401 (part of this API)
from vosgan_mm.utils.write_errors import LIKELY_CAUSE, WriteError
from vosgan_mm.visualization import (generator_output_grid, make_video_grid,
                                     to_uint8_frames, write_video)


def _video_columns(videos: torch.Tensor, num_rows: int) -> List:
    """(R*K, 3, T, H, W), row-major -> K grid columns of R videos."""
    frames = to_uint8_frames(videos)  # (R*K, T, H, W, 3)
    per_row = frames.shape[0] // num_rows
    frames = frames.reshape(num_rows, per_row, *frames.shape[1:])
    return [frames[:, k] for k in range(per_row)]


@torch.no_grad()
def write_sample_sheets(
    model,
    out_dir: str,
    num_videos: int = 8,
    num_variations: int = 4,
    seed: int = 0,
    fps: int = 8,
    formats=('mp4', 'gif')
) -> Dict[str, List[str]]:
    """Writes, for each format:

    - ``samples``: ``num_videos`` rows of video | mask | background |
      foreground;
    - for models with a scene and a motion code (VOS-GAN):
      ``fixed_scene``: each row keeps one z_C and varies z_M over
      ``num_variations`` columns (same background, other motion);
      ``fixed_motion``: each row keeps one z_M and varies z_C (same motion,
      other scene).

    Every file is checked once written (a video must decode whole) and
    the files are written into a hidden folder of ``out_dir`` and moved
    into place at the end: a failed write is a :class:`WriteError` naming
    the file, and leaves the sheets of an earlier run as they were.

    Returns:
        dict: sheet name -> written paths.
    """
    latents = model.sample_latents(num_videos, seed)
    sheets = dict(samples=generator_output_grid(model.generate(**latents)))
    if {'z_scene', 'z_motion'} <= set(latents):
        sheets.update(
            _disentanglement_views(model, latents, num_videos, num_variations,
                                   seed))
    names = {f'{name}.{ext}' for name in sheets for ext in formats}
    with replace_on_success(out_dir, names.__contains__) as staging:
        for name, grid in sheets.items():
            for ext in formats:
                _write_checked(osp.join(staging, f'{name}.{ext}'), grid, fps)
    return {
        name: [osp.join(out_dir, f'{name}.{ext}') for ext in formats]
        for name in sheets
    }


def _write_checked(path: str, grid: np.ndarray, fps: int) -> None:
    """``write_video``, then a :class:`WriteError` naming ``path`` where
    the write failed or the video does not decode whole."""
    try:
        write_video(path, grid, fps=fps)
    except OSError as error:
        raise WriteError(path, f'not written ({error.strerror or error}; '
                         f'{LIKELY_CAUSE})') from error
    if not path.endswith('.gif'):  # OpenCV's writer does not raise
        check_written_video(path, len(grid))


def _disentanglement_views(model, latents, num_videos, num_variations,
                           seed) -> dict:
    """The paper's Fig. 1: fixed z_C with varied z_M, and the reverse."""
    sheets = {}
    rows = min(num_videos, 4)
    k = num_variations
    others = model.sample_latents(k, seed + 1)
    z_scene = latents['z_scene'][:rows].repeat_interleave(k, dim=0)
    z_motion = others['z_motion'].repeat(rows, 1, 1)
    sheets['fixed_scene'] = make_video_grid(
        _video_columns(
            model.generate(z_scene=z_scene, z_motion=z_motion)['video'], rows))
    z_scene = others['z_scene'].repeat(rows, 1)
    z_motion = latents['z_motion'][:rows].repeat_interleave(k, dim=0)
    sheets['fixed_motion'] = make_video_grid(
        _video_columns(
            model.generate(z_scene=z_scene, z_motion=z_motion)['video'], rows))
    return sheets
