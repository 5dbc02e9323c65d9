"""Decoded clips per second of each data set's training pipeline, on
sample files written in the data set's real format and frame size (VGAN
golf JPEG strips of 128x128 frames, UCF101-size 320x240 videos, DAVIS 480p
frames and masks) into a temporary folder; the golf strips also decoded
once into a clip store and read from it (``golf_clip_store``,
configs/vosgan/vosgan_25e_golf-clip-store-device-flow.py; the conversion
is not timed); and the embedded sprites:
drawn clip by clip in the workers (``sprites``) or as scenes that the data
preprocessor draws a batch at a time on the model's device
(``sprite_scenes``,
configs/vosgan/vosgan_relu-reuse_2400i_sprites-device-render-device-flow.py;
its ``device_draw_clips_per_s`` is that drawing on ``--device``); and the
embedded photo scenes as their GAN recipe renders them, every factor on
(``photo_scenes``, configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py),
and stabilised before the flow target (``photo_scenes_stabilised``,
configs/vosgan/vosgan_relu-reuse-stabilised_2400i_photo-scenes.py).

    python tools/analysis_tools/benchmark_data.py [--clips 16]
        [--data-sets golf davis2016] [--workers 2] [--batch-size 8]
        [--device cuda] [--json data.json]

Each clip is visited once, so per-clip work such as the flow target is
included. ``clips_per_s`` is one process, after the first clip;
``loader_clips_per_s`` is a DataLoader with ``--workers`` worker processes,
their start-up included (give enough clips to amortise it).
"""

import argparse
import json
import os.path as osp
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import default_collate
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

import vosgan_mm  # noqa: F401
from vosgan_mm.datasets.clip_store_conversion import convert_to_clip_store
from vosgan_mm.registry import DATASETS, MODELS
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool
from vosgan_mm.visualization import write_video


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
        bgr = moving_square_frames(num_frames, *size, i)
        write_video(
            osp.join(root, rel),
            np.ascontiguousarray(bgr[..., ::-1]),
            fps=25,
            scale=1)
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


def rendered(cfg, root, clips):
    """An embedded, rendered data set: nothing to write, only its number
    of clips to set."""
    cfg.num_clips = clips


def golf(cfg, root, clips):
    cfg.update(write_golf_strips(root, clips))


def golf_clip_store(cfg, root, clips):
    """Golf strips converted once into a clip store, read from there."""
    strips = Config.fromfile('configs/vosgan_golf.py').train_dataloader
    strips = strips.dataset.to_dict()
    strips.update(write_golf_strips(osp.join(root, 'golf'), clips))
    convert_to_clip_store(strips, osp.join(root, 'store'))
    cfg.data_root = root
    cfg.store_root = 'store'


def videos(cfg, root, clips):
    cfg.data_root = write_ucf101_videos(root, clips)['data_root']


def ucf101(cfg, root, clips):
    written = write_ucf101_videos(root, clips)
    cfg.ann_file = written['ann_file']
    cfg.data_prefix = dict(video=written['data_root'])


def davis2016(cfg, root, clips):
    cfg.update(write_davis2016(root, clips))
    cfg.split = 'train'


# name: (data config, how to point its training set at sample files)
DATA_SETS = dict(
    sprites=('configs/_base_/datasets/sprite_videos.py', rendered),
    sprite_scenes=(
        'configs/vosgan/'
        'vosgan_relu-reuse_2400i_sprites-device-render-device-flow.py',
        rendered),
    photo_scenes=('configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py',
                  rendered),
    photo_scenes_stabilised=(
        'configs/vosgan/vosgan_relu-reuse-stabilised_2400i_photo-scenes.py',
        rendered),
    golf=('configs/_base_/datasets/golf.py', golf),
    golf_clip_store=(
        'configs/vosgan/vosgan_25e_golf-clip-store-device-flow.py',
        golf_clip_store),
    videos=('configs/_base_/datasets/video_folder.py', videos),
    ucf101=('configs/_base_/datasets/ucf101_recognition.py', ucf101),
    davis2016=('configs/_base_/datasets/davis2016.py', davis2016),
)


def parse_args():
    parser = argparse.ArgumentParser(description='Data loading throughput')
    parser.add_argument(
        '--clips',
        type=int,
        default=16,
        help='sample clips written and decoded per data set '
        '(default: %(default)s)')
    parser.add_argument(
        '--data-sets',
        nargs='+',
        default=list(DATA_SETS),
        choices=DATA_SETS,
        help='data sets to time (default: all of them)')
    parser.add_argument(
        '--workers',
        type=int,
        default=2,
        help='worker processes of the timed DataLoader '
        '(default: %(default)s)')
    parser.add_argument(
        '--batch-size',
        type=int,
        default=8,
        help='clips per batch of the DataLoader and of the scene drawing '
        '(default: %(default)s)')
    parser.add_argument(
        '--device',
        default='cuda' if torch.cuda.is_available() else 'cpu',
        help='where sprite scenes are drawn '
        '(default: cuda if available, else cpu)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_debug_argument(parser)
    return parser.parse_args()


def clips_per_second(dataset) -> float:
    """Clips per second of ``dataset[i]`` in this process, each clip once,
    after clip 0 (imports, first decoder) is left out of the clock."""
    dataset[0]
    start = time.perf_counter()
    for i in range(1, len(dataset)):
        dataset[i]
    return (len(dataset) - 1) / (time.perf_counter() - start)


def loader_clips_per_second(loader_cfg, workers: int,
                            batch_size: int) -> float:
    """Clips per second through a DataLoader with ``workers`` worker
    processes, worker start-up included (workers prefetch while the first
    batch is awaited, so leaving it out would overstate them)."""
    loader_cfg = dict(
        loader_cfg,
        batch_size=batch_size,
        num_workers=workers,
        persistent_workers=False,
        sampler=dict(type='DefaultSampler', shuffle=False))
    loader = Runner.build_dataloader(loader_cfg, seed=0)
    start = time.perf_counter()
    for _ in loader:
        pass
    return len(loader.dataset) / (time.perf_counter() - start)


def device_draw_clips_per_second(dataset,
                                 batch_size: int,
                                 device,
                                 repeats: int = 3) -> float:
    """Clips per second of the data preprocessor drawing a batch of sprite
    scenes on ``device`` (the fastest of ``repeats`` timings after one
    warm-up; the copy of the scenes to the device included)."""
    batch = default_collate(
        [dataset[i % len(dataset)] for i in range(batch_size)])
    preprocessor = MODELS.build(dict(type='VideoGANDataPreprocessor'))
    preprocessor.to(device)
    times = []
    for _ in range(repeats + 1):
        synchronize(device)
        start = time.perf_counter()
        preprocessor(batch, True)
        synchronize(device)
        times.append(time.perf_counter() - start)
    return batch_size / min(times[1:])


def synchronize(device) -> None:
    if torch.device(device).type == 'cuda':
        torch.cuda.synchronize(device)


def main():
    args = parse_args()
    init_default_scope('vosgan_mm')
    figures = {}
    for name in args.data_sets:
        config, point_at_samples = DATA_SETS[name]
        loader_cfg = Config.fromfile(config).train_dataloader
        with tempfile.TemporaryDirectory(prefix=f'{name}_') as root:
            point_at_samples(loader_cfg.dataset, root, args.clips)
            dataset = DATASETS.build(loader_cfg.dataset)
            clip = dataset[0]['inputs']
            figures[name] = dict(
                clip_shape=list(getattr(clip, 'shape', ())) or {
                    k: list(v.shape)
                    for k, v in clip.items()
                },
                clips_per_s=clips_per_second(dataset),
                loader_clips_per_s=loader_clips_per_second(
                    loader_cfg, args.workers, args.batch_size))
            if name == 'sprite_scenes':
                figures[name]['device'] = args.device
                figures[name]['device_draw_clips_per_s'] = \
                    device_draw_clips_per_second(dataset, args.batch_size,
                                                 args.device)
        drawn = figures[name].get('device_draw_clips_per_s')
        print(f'{name:>23}: {figures[name]["clips_per_s"]:7.1f} clips/s in '
              f'one process, {figures[name]["loader_clips_per_s"]:7.1f} '
              f'with {args.workers} workers' +
              (f', drawn on {args.device} at {drawn:7.1f}' if drawn else '') +
              f'; clip {figures[name]["clip_shape"]}')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(figures, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
