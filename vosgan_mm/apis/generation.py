"""Sampling a trained GAN: sample sheets and the paper's Fig. 1 views."""
import os.path as osp
from typing import Dict, List

import torch

from vosgan_mm.models import load_gan  # noqa: F401 (part of this API)
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

    Returns:
        dict: sheet name -> written paths.
    """
    latents = model.sample_latents(num_videos, seed)
    sheets = dict(samples=generator_output_grid(model.generate(**latents)))
    if {'z_scene', 'z_motion'} <= set(latents):
        sheets.update(
            _disentanglement_views(model, latents, num_videos, num_variations,
                                   seed))
    return {
        name: [
            write_video(osp.join(out_dir, f'{name}.{ext}'), grid, fps=fps)
            for ext in formats
        ]
        for name, grid in sheets.items()
    }


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
