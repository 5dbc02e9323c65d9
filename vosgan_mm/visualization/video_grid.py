"""Video grids written as files a person can watch (MP4 and GIF)."""
import os
import os.path as osp
from typing import Dict, Sequence

import cv2
import numpy as np
import torch
from PIL import Image


def to_uint8_frames(video: torch.Tensor, value_range=(-1, 1)) -> np.ndarray:
    """(N, C, T, H, W) with C in {1, 3} (or (N, C, H, W), a still image
    repeated over ``T=1``) -> (N, T, H, W, 3) uint8 RGB."""
    if video.dim() == 4:
        video = video.unsqueeze(2)
    low, high = value_range
    scaled = (video.detach().float() - low) / (high - low)
    frames = (scaled.clamp(0, 1) * 255).round().to(torch.uint8)
    if frames.shape[1] == 1:
        frames = frames.expand(-1, 3, -1, -1, -1)
    return frames.permute(0, 2, 3, 4, 1).cpu().numpy()


def make_video_grid(columns: Sequence[np.ndarray],
                    padding: int = 2) -> np.ndarray:
    """Tiles videos into one video.

    Args:
        columns: Each (N, T_i, H, W, 3) uint8: column j holds N videos, one
            per row. A column with ``T_i = 1`` (a still) is repeated.

    Returns:
        np.ndarray: (T, rows * (H + p) + p, cols * (W + p) + p, 3) uint8.
    """
    num_rows = columns[0].shape[0]
    num_frames = max(col.shape[1] for col in columns)
    h, w = columns[0].shape[2:4]
    grid = np.full(
        (num_frames, num_rows * (h + padding) + padding, len(columns) *
         (w + padding) + padding, 3),
        255,
        dtype=np.uint8)
    for j, col in enumerate(columns):
        if col.shape[0] != num_rows or col.shape[2:4] != (h, w):
            raise ValueError(f'grid column {j} has shape {col.shape}, '
                             f'expected ({num_rows}, T, {h}, {w}, 3)')
        for i in range(num_rows):
            clip = col[i]
            if clip.shape[0] == 1:
                clip = np.repeat(clip, num_frames, axis=0)
            top = padding + i * (h + padding)
            left = padding + j * (w + padding)
            grid[:, top:top + h, left:left + w] = clip
    return grid


def label_columns(grid: np.ndarray,
                  labels: Sequence[str],
                  padding: int = 2,
                  height: int = 12) -> np.ndarray:
    """Adds a header row naming each column of a grid of
    :func:`make_video_grid` (same ``padding``) above it: black text on
    white, centred over its column, shrunk to fit the column's width.

    Args:
        grid: (T, H, W, 3) uint8 with ``len(labels)`` columns.

    Returns:
        np.ndarray: (T, height + H, W, 3) uint8.
    """
    num_frames, _, width = grid.shape[:3]
    col_width = (width - padding) // len(labels) - padding
    header = np.full((height, width, 3), 255, dtype=np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    for j, label in enumerate(labels):
        (text_w, text_h), _ = cv2.getTextSize(label, font, 1.0, 1)
        # Hershey glyphs are ~22 px high at scale 1: fit height and width
        scale = min((height - 3) / text_h, col_width / text_w, 0.4)
        (text_w, text_h), _ = cv2.getTextSize(label, font, scale, 1)
        left = padding + j * (col_width + padding) + (col_width - text_w) // 2
        bottom = (height + text_h) // 2
        cv2.putText(header, label, (left, bottom), font, scale, (0, 0, 0), 1,
                    cv2.LINE_AA)
    header = np.broadcast_to(header, (num_frames, ) + header.shape)
    return np.concatenate([header, grid], axis=1)


def generator_output_grid(
    outputs: Dict[str, torch.Tensor],
    keys: Sequence[str] = ('video', 'mask', 'background', 'foreground')
) -> np.ndarray:
    """A grid with one row per sample and one column per generator output
    (video and foreground in [-1, 1], mask in [0, 1], still background),
    under a header row naming the columns (:func:`label_columns`)."""
    ranges = dict(mask=(0, 1))
    present = [k for k in keys if k in outputs]
    columns = [
        to_uint8_frames(outputs[k], ranges.get(k, (-1, 1))) for k in present
    ]
    return label_columns(make_video_grid(columns), present)


def overlay_mask(frame: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 RGB frame with the foreground (``mask`` > 0, (H, W)
    uint8) tinted red and outlined."""
    overlay = frame.copy()
    fg = mask > 0
    overlay[fg] = (0.5 * overlay[fg] + [127, 0, 0]).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(overlay, contours, -1, (255, 255, 0), 1)
    return overlay


# OpenCV codecs by file extension
VIDEO_CODECS = {'.mp4': 'mp4v', '.avi': 'MJPG'}


def open_video_writer(path: str, fps: int, size) -> cv2.VideoWriter:
    """An OpenCV writer of BGR frames of ``size`` (w, h) to an ``.mp4``
    (mp4v) or ``.avi`` (MJPG) file; its folder is made. An error naming
    the file where OpenCV cannot open one."""
    ext = osp.splitext(path)[1].lower()
    if ext not in VIDEO_CODECS:
        raise ValueError(f'{path}: unsupported video extension "{ext}", '
                         f'use one of {sorted(VIDEO_CODECS)}')
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*VIDEO_CODECS[ext]),
                             fps, tuple(size))
    if not writer.isOpened():
        raise RuntimeError(f'OpenCV cannot open a video writer for {path}')
    return writer


def write_video(path: str,
                frames: np.ndarray,
                fps: int = 8,
                scale: int = 2) -> str:
    """Writes (T, H, W, 3) uint8 RGB frames as ``.mp4`` (OpenCV, mp4v),
    ``.avi`` (OpenCV, MJPG) or ``.gif`` (Pillow, looping), upscaled
    ``scale`` times (nearest) so 64x64 clips are easy to see. Returns
    ``path``."""
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8:
        raise ValueError('write_video expects (T, H, W, 3) uint8 frames, got '
                         f'{frames.shape} {frames.dtype}')
    if scale > 1:
        frames = frames.repeat(scale, axis=1).repeat(scale, axis=2)
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    ext = osp.splitext(path)[1].lower()
    if ext == '.gif':
        images = [Image.fromarray(f) for f in frames]
        images[0].save(
            path,
            save_all=True,
            append_images=images[1:],
            duration=int(1000 / fps),
            loop=0)
    else:
        h, w = frames.shape[1:3]
        writer = open_video_writer(path, fps, (w, h))
        for f in frames:
            writer.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
        writer.release()
    return path
