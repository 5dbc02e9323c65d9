"""Write embedded sprite clips in the layout of a real data set, to try a
recipe end to end before the real data is at hand (the scores mean
nothing: the classes are arbitrary, the objects synthetic).

    python tools/data/write_sprite_data.py davis data/DAVIS
    python tools/data/write_sprite_data.py ucf101 data/ucf101
    python tools/data/write_sprite_data.py folders data/frame_mask_folders

- ``davis``: ``JPEGImages/480p/<seq>/00000.jpg``,
  ``Annotations/480p/<seq>/00000.png`` (0 or 255) and
  ``ImageSets/2016/{train,val}.txt`` (DAVIS-2017's list of DAVIS-2016),
  as ``DAVIS2016Dataset`` reads them.
- ``ucf101``: ``UCF-101/<Class>/v_<Class>_gGG_cCC.avi`` and
  ``ucfTrainTestlist/{classInd,trainlist01,testlist01}.txt`` (groups 1-2
  test, the rest train), as ``tools/data/build_ucf101_annotations.py
  --split 1`` reads them.
- ``folders``: ``<seq>/frames/00000.jpg`` and ``<seq>/masks/00000.png``
  (0 or 255), as ``FrameMaskFolderDataset`` reads F4K-Fish or your own
  videos and masks.
"""
import argparse
import os
import os.path as osp

import cv2
import numpy as np

from vosgan_mm.sprites import render_sprite_clip
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

CLASSES = ('SpriteA', 'SpriteB', 'SpriteC')


def write_frames_and_masks(clip: dict, frames: str, masks: str) -> None:
    """A clip's frames as JPEG and its masks as PNG (0 or 255)."""
    os.makedirs(frames, exist_ok=True)
    os.makedirs(masks, exist_ok=True)
    for t, (image, mask) in enumerate(zip(clip['imgs'], clip['gt_masks'])):
        cv2.imwrite(
            osp.join(frames, f'{t:05d}.jpg'),
            cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
        cv2.imwrite(osp.join(masks, f'{t:05d}.png'), mask * 255)


def write_folders(root: str, num_sequences: int, num_frames: int, size: int,
                  seed: int) -> str:
    for i in range(num_sequences):
        clip = render_sprite_clip(seed + i, num_frames=num_frames, size=size)
        name = osp.join(root, f'sprites{i:02d}')
        write_frames_and_masks(clip, osp.join(name, 'frames'),
                               osp.join(name, 'masks'))
    return f'{num_sequences} sequences of {num_frames} frames'


def write_davis(root: str, num_sequences: int, num_frames: int, size: int,
                seed: int) -> str:
    names = [f'sprites{i:02d}' for i in range(num_sequences)]
    for i, name in enumerate(names):
        clip = render_sprite_clip(seed + i, num_frames=num_frames, size=size)
        write_frames_and_masks(clip, osp.join(root, 'JPEGImages', '480p',
                                              name),
                               osp.join(root, 'Annotations', '480p', name))
    lists = osp.join(root, 'ImageSets', '2016')
    os.makedirs(lists, exist_ok=True)
    num_val = max(1, num_sequences // 3)
    with open(osp.join(lists, 'train.txt'), 'w') as f:
        f.writelines(f'{name}\n' for name in names[num_val:])
    with open(osp.join(lists, 'val.txt'), 'w') as f:
        f.writelines(f'{name}\n' for name in names[:num_val])
    return (f'{num_sequences} sequences of {num_frames} frames '
            f'({num_sequences - num_val} train, {num_val} val)')


def write_avi(path: str, frames: np.ndarray) -> None:
    height, width = frames.shape[1:3]
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'MJPG'), 25,
                             (width, height))
    if not writer.isOpened():
        raise RuntimeError(f'OpenCV cannot write {path}')
    for frame in frames:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()


def write_ucf101(root: str, num_groups: int, num_frames: int, size: int,
                 seed: int) -> str:
    lists = osp.join(root, 'ucfTrainTestlist')
    os.makedirs(lists, exist_ok=True)
    train, test = [], []
    for label, name in enumerate(CLASSES, 1):
        os.makedirs(osp.join(root, 'UCF-101', name), exist_ok=True)
        for group in range(1, num_groups + 1):
            rel = f'{name}/v_{name}_g{group:02d}_c01.avi'
            clip_seed = seed + 1000 * label + group
            clip = render_sprite_clip(
                clip_seed, num_frames=num_frames, size=size)
            write_avi(osp.join(root, 'UCF-101', rel), clip['imgs'])
            if group <= 2:
                test.append(f'{rel}\n')
            else:
                train.append(f'{rel} {label}\n')
    with open(osp.join(lists, 'classInd.txt'), 'w') as f:
        f.writelines(f'{i} {name}\n' for i, name in enumerate(CLASSES, 1))
    with open(osp.join(lists, 'trainlist01.txt'), 'w') as f:
        f.writelines(train)
    with open(osp.join(lists, 'testlist01.txt'), 'w') as f:
        f.writelines(test)
    return (f'{len(CLASSES)} classes x {num_groups} groups: '
            f'{len(train)} train and {len(test)} test videos of '
            f'{num_frames} frames')


def parse_args():
    parser = argparse.ArgumentParser(
        description='sprite clips in the layout of DAVIS-2016, UCF101 or '
        'frame and mask folders')
    parser.add_argument(
        'layout',
        choices=['davis', 'ucf101', 'folders'],
        help='the data set layout to write')
    parser.add_argument(
        'root', help='e.g. data/DAVIS, data/ucf101, data/frame_mask_folders')
    parser.add_argument(
        '--count',
        type=int,
        help='sequences (davis and folders) or groups per class (ucf101, '
        'at least 3: groups 1-2 test, the rest train) '
        '(default: 6 sequences, 8 groups)')
    parser.add_argument(
        '--frames',
        type=int,
        default=40,
        help='frames per sequence or video (default: %(default)s)')
    parser.add_argument(
        '--size',
        type=int,
        default=96,
        help='frame side in pixels (default: %(default)s)')
    parser.add_argument(
        '--seed',
        type=int,
        default=0,
        help='base seed of the sprite clips (default: %(default)s)')
    add_debug_argument(parser)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.layout in ('davis', 'folders'):
        write = write_davis if args.layout == 'davis' else write_folders
        written = write(args.root, args.count or 6, args.frames, args.size,
                        args.seed)
    else:
        if args.count is not None and args.count < 3:
            raise SystemExit('--count: ucf101 needs at least 3 groups '
                             '(1-2 are the test split)')
        written = write_ucf101(args.root, args.count or 8, args.frames,
                               args.size, args.seed)
    print(f'{args.root}: {written}')


if __name__ == '__main__':
    run_tool(main)
