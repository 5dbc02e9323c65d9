"""Small sample data sets written in the real on-disk formats and frame
sizes (VGAN golf strips, video files, DAVIS 2016, UCF101), filled with a
moving textured square, for measuring the loaders' decoding throughput
without the real data."""
import os.path as osp
from pathlib import Path

import cv2
import numpy as np


def moving_square_frames(num_frames: int,
                         height: int,
                         width: int,
                         seed: int = 0) -> np.ndarray:
    """(T, H, W, 3) uint8 BGR frames: a textured background with a square
    moving right, so that compressed files have realistic content."""
    rng = np.random.default_rng(seed)
    background = cv2.GaussianBlur(
        rng.uniform(0, 255, (height, width, 3)).astype(np.float32), (0, 0), 3)
    side = max(height // 4, 2)
    frames = np.repeat(background[None], num_frames, axis=0)
    for t in range(num_frames):
        x = (t * 3) % max(width - side, 1)
        frames[t, height // 3:height // 3 + side, x:x + side] = (40, 200, 90)
    return frames.astype(np.uint8)


def write_golf_strips(root: str,
                      num_clips: int,
                      num_frames: int = 32,
                      frame_size: int = 128) -> dict:
    """VGAN's golf layout: ``golf.txt`` lists JPEG strips of square frames
    stacked vertically under ``frames-stable-many/``."""
    frames_root = Path(root) / 'frames-stable-many'
    frames_root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(num_clips):
        frames = moving_square_frames(num_frames, frame_size, frame_size, i)
        name = f'{i:04d}.jpg'
        cv2.imwrite(
            str(frames_root / name), np.concatenate(frames),
            [cv2.IMWRITE_JPEG_QUALITY, 95])
        names.append(name)
    Path(root, 'golf.txt').write_text('\n'.join(names) + '\n')
    return dict(data_root=str(root), ann_file='golf.txt')


def write_video(path: str, frames: np.ndarray, fps: int = 25) -> None:
    """(T, H, W, 3) uint8 BGR frames -> an MJPG ``.avi`` or ``mp4v``
    ``.mp4`` file."""
    codec = 'MJPG' if path.endswith('.avi') else 'mp4v'
    height, width = frames.shape[1:3]
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*codec), fps,
                             (width, height))
    if not writer.isOpened():
        raise RuntimeError(f'cannot write the video {path} ({codec})')
    for frame in frames:
        writer.write(frame)
    writer.release()


def write_ucf101_videos(root: str,
                        num_clips: int,
                        num_frames: int = 64,
                        size=(240, 320)) -> dict:
    """UCF101's layout at its frame size: ``<Class>/v_<Class>_gXX_cYY.avi``
    and an MMAction2 list file (``path label``)."""
    lines = []
    for i in range(num_clips):
        cls = f'Class{i % 3}'
        rel = osp.join(cls, f'v_{cls}_g{i // 3 + 1:02d}_c01.avi')
        Path(root, cls).mkdir(parents=True, exist_ok=True)
        write_video(
            osp.join(root, rel), moving_square_frames(num_frames, *size, i))
        lines.append(f'{rel} {i % 3}')
    ann_file = osp.join(root, 'videos.txt')
    Path(ann_file).write_text('\n'.join(lines) + '\n')
    return dict(data_root=str(root), ann_file=ann_file)


def write_davis2016(root: str,
                    num_sequences: int,
                    num_frames: int = 32,
                    size=(480, 854)) -> dict:
    """DAVIS 2016's layout at 480p: JPEG frames, 0/255 PNG masks, and the
    2017-style ``ImageSets/2016/{train,val}.txt`` lists (all sequences in
    both)."""
    names = [f'seq{i:02d}' for i in range(num_sequences)]
    for i, name in enumerate(names):
        frame_dir = Path(root, 'JPEGImages', '480p', name)
        mask_dir = Path(root, 'Annotations', '480p', name)
        frame_dir.mkdir(parents=True, exist_ok=True)
        mask_dir.mkdir(parents=True, exist_ok=True)
        frames = moving_square_frames(num_frames, *size, i)
        for t, frame in enumerate(frames):
            cv2.imwrite(str(frame_dir / f'{t:05d}.jpg'), frame)
            mask = (np.abs(frame.astype(int) -
                           (40, 200, 90)).sum(-1) < 10).astype(np.uint8) * 255
            cv2.imwrite(str(mask_dir / f'{t:05d}.png'), mask)
    lists = Path(root, 'ImageSets', '2016')
    lists.mkdir(parents=True, exist_ok=True)
    for subset in ('train', 'val'):
        (lists / f'{subset}.txt').write_text('\n'.join(names) + '\n')
    return dict(data_root=str(root))
