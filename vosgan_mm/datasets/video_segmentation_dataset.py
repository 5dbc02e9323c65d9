import json
import os
import os.path as osp
import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .errors import VideoDataError
from .file_clip_dataset import FileClipDataset

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff')


def cut_into_shots(num_frames: int,
                   shot_length: int = 32) -> List[Tuple[List[int], int]]:
    """Cuts ``num_frames`` frames into consecutive shots of
    ``shot_length``.

    Shots start at 0, L, 2L...; every frame is in exactly one shot. The last
    shot, if shorter, is padded by repeating its last frame; the padded
    frames are not scored. E.g. 70 frames, L=32: frames 0-31, 32-63, and
    64-69 followed by 26 copies of frame 69.

    Returns:
        list: (frame indices of length ``shot_length``, number of real
        frames) per shot.
    """
    if num_frames < 1:
        raise ValueError('a sequence needs at least one frame')
    shots = []
    for start in range(0, num_frames, shot_length):
        real = list(range(start, min(start + shot_length, num_frames)))
        shots.append(
            (real + [real[-1]] * (shot_length - len(real)), len(real)))
    return shots


def split_by_video(names: Sequence[str],
                   train_ratio: float = 0.7,
                   seed: int = 0) -> Dict[str, List[str]]:
    """Splits videos (never shots) into train and val by a fixed seed."""
    names = sorted(names)
    order = np.random.default_rng(seed).permutation(len(names))
    num_train = int(round(train_ratio * len(names)))
    train = sorted(names[i] for i in order[:num_train])
    val = sorted(names[i] for i in order[num_train:])
    return dict(train=train, val=val)


def read_split_file(path: str) -> Dict[str, List[str]]:
    """A published split: JSON ``{"train": [names], "val": [names]}``."""
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'split file not found: {path} (write it once with '
            'tools/data/write_segmentation_split.py)')
    try:
        with open(path) as f:
            split = json.load(f)
        names = {k: [str(n) for n in split[k]] for k in ('train', 'val')}
    except (ValueError, KeyError, TypeError) as exc:
        raise VideoDataError(
            f'{path}: not a split file ({type(exc).__name__}: {exc}); '
            'expected {"train": [names], "val": [names]}') from exc
    both = sorted(set(names['train']) & set(names['val']))
    if both:
        raise VideoDataError(f'{path}: videos in both train and val: '
                             f'{", ".join(both)}')
    return names


def natural_key(path: str) -> list:
    """Sort key that orders numbers by value: 2.png before 10.png."""
    return [int(p) if p.isdigit() else p for p in re.split(r'(\d+)', path)]


def list_images(folder: str) -> List[str]:
    """Image files of a folder in natural order (error if none)."""
    if not osp.isdir(folder):
        raise FileNotFoundError(f'folder not found: {folder}')
    files = sorted((osp.join(folder, f) for f in os.listdir(folder)
                    if osp.splitext(f)[1].lower() in IMAGE_EXTENSIONS),
                   key=natural_key)
    if not files:
        raise VideoDataError(f'{folder}: empty folder, no image found')
    return files


class VideoSegmentationDataset(FileClipDataset):
    """Base of the video object segmentation data sets.

    A subclass lists its sequences (:meth:`load_sequences`), each with the
    paths of its frames and of its masks (one list of object masks per
    frame, united into one foreground), and its official split if it has
    one (:meth:`official_split`). Sequences are checked (as many masks as
    frames), split, and cut into shots of ``shot_length`` frames
    (:func:`cut_into_shots`); a data item is a shot.

    Args:
        data_root (str): Root of the data set.
        split (str): ``'train'``, ``'val'`` or ``'all'``. Defaults to
            ``'val'``.
        shot_length (int): Frames per shot. Defaults to 32.
        train_ratio (float): Training share of the videos where the data
            set has no official split. Defaults to 0.7.
        split_seed (int): Seed of that split. Defaults to 0.
        split_file (str, optional): A published split (JSON of ``train``
            and ``val`` video names, written by
            ``tools/data/write_segmentation_split.py``), read instead of
            drawing one, so that results do not move with the seed or with
            the videos at hand. Names missing from the data are an error.
        pipeline (list): Transforms.
        **kwargs: ``on_bad_clip`` (a shot that fails to load is an error
            naming the file, or skipped: see :class:`FileClipDataset`) and
            the arguments of :class:`mmengine.dataset.BaseDataset`.
    """

    def __init__(self,
                 data_root: str,
                 split: str = 'val',
                 shot_length: int = 32,
                 train_ratio: float = 0.7,
                 split_seed: int = 0,
                 split_file: Optional[str] = None,
                 pipeline: List = (),
                 **kwargs):
        if split not in ('train', 'val', 'all'):
            raise ValueError(f'split must be train, val or all, got "{split}"')
        if not osp.isdir(data_root):
            raise FileNotFoundError(f'data folder not found: {data_root}')
        self.split = split
        self.shot_length = shot_length
        self.train_ratio = train_ratio
        self.split_seed = split_seed
        self.split_file = split_file
        super().__init__(
            data_root=data_root, pipeline=list(pipeline), **kwargs)

    def load_sequences(self) -> List[dict]:
        """Returns dicts with ``name``, ``frames`` (paths) and ``masks``
        (per frame, a list of object mask paths)."""
        raise NotImplementedError

    def official_split(self) -> Optional[Dict[str, List[str]]]:
        """Sequence names of the official ``train`` and ``val`` sets, or
        None where the data set has none."""
        return None

    def clip_name(self, info: dict) -> str:
        return f'sequence {info["sequence"]}, shot {info["shot_index"]}'

    def _check(self, seq: dict) -> None:
        if len(seq['frames']) != len(seq['masks']):
            raise VideoDataError(
                f'sequence {seq["name"]}: {len(seq["frames"])} frames but '
                f'{len(seq["masks"])} masks ({osp.dirname(seq["frames"][0])})')

    def load_data_list(self) -> List[dict]:
        sequences = self.load_sequences()
        for seq in sequences:
            self._check(seq)
        if self.split != 'all':
            names = [s['name'] for s in sequences]
            if self.split_file:
                split = read_split_file(self.split_file)
                missing = sorted(set(split[self.split]) - set(names))
                if missing:
                    raise VideoDataError(
                        f'{self.split_file}: {self.split} videos not in '
                        f'{self.data_root}: {", ".join(missing)}')
            else:
                split = self.official_split() or split_by_video(
                    names, self.train_ratio, self.split_seed)
            keep = set(split[self.split])
            sequences = [s for s in sequences if s['name'] in keep]
        data_list = []
        for seq in sequences:
            for shot_index, (frame_ids, num_valid) in enumerate(
                    cut_into_shots(len(seq['frames']), self.shot_length)):
                data_list.append(
                    dict(
                        sequence=seq['name'],
                        shot_index=shot_index,
                        frame_ids=frame_ids,
                        num_valid=num_valid,
                        frame_paths=[seq['frames'][i] for i in frame_ids],
                        mask_paths=[seq['masks'][i] for i in frame_ids]))
        return data_list
