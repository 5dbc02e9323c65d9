"""A store of decoded clips: uint8 frames at training resolution in
memory-mapped shards, with an index, so that a data set of JPEG strips or
videos is decoded once rather than every epoch.

Layout of a store folder::

    index.json          format, clip shape, shards, clip names, what it
                        was made from, the clips left out and why
    shard_00000.npy     (n, T, H, W, 3) uint8, NumPy's .npy format
    shard_00001.npy     ...

``tools/data/convert_to_clip_store.py`` writes and checks one;
``ClipStoreDataset`` reads it.
"""
import json
import os
import os.path as osp
from typing import List, Optional

import numpy as np

from vosgan_mm.utils import write_atomically
from .errors import VideoDataError

FORMAT = 'vosgan_mm clip store'
VERSION = 1
INDEX = 'index.json'


def shard_name(number: int) -> str:
    return f'shard_{number:05d}.npy'


class ClipStoreWriter:
    """Writes clips of one shape into a new store folder, shard by shard.

    Args:
        root (str): The store folder (created; it must hold no index yet).
        clips_per_shard (int): Clips per shard file. Defaults to 4096
            (1.5 GiB of 32x64x64 clips).
        source (dict): What the clips were made from, kept in the index.
    """

    def __init__(self,
                 root: str,
                 clips_per_shard: int = 4096,
                 source: Optional[dict] = None):
        if clips_per_shard < 1:
            raise ValueError(
                f'clips_per_shard must be positive, got {clips_per_shard}')
        if osp.exists(osp.join(root, INDEX)):
            raise FileExistsError(
                f'{osp.join(root, INDEX)} exists: a clip store is already '
                'there; remove it or choose another folder')
        os.makedirs(root, exist_ok=True)
        self.root = root
        self.clips_per_shard = clips_per_shard
        self.source = source or {}
        self.clip_shape = None
        self.clip_ids: List[str] = []
        self.left_out: List[dict] = []
        self.shards: List[dict] = []
        self._shard = None

    def add(self, clip_id: str, frames: np.ndarray) -> None:
        """Appends one clip, (T, H, W, 3) uint8."""
        frames = np.asarray(frames)
        if frames.dtype != np.uint8 or frames.ndim != 4 or \
                frames.shape[-1] != 3:
            raise ValueError(f'{clip_id}: expected (T, H, W, 3) uint8 frames, '
                             f'got {frames.dtype} of shape {frames.shape}')
        if self.clip_shape is None:
            self.clip_shape = frames.shape
        elif frames.shape != self.clip_shape:
            raise ValueError(
                f'{clip_id}: frames of shape {frames.shape} in a store of '
                f'{self.clip_shape}; every clip must share one shape (resize '
                'and cut them in the pipeline)')
        if self._shard is None or self._filled == self.clips_per_shard:
            self._close_shard()
            name = shard_name(len(self.shards))
            self._shard = np.lib.format.open_memmap(
                osp.join(self.root, name),
                mode='w+',
                dtype=np.uint8,
                shape=(self.clips_per_shard, *self.clip_shape))
            self.shards.append(dict(file=name, num_clips=0))
            self._filled = 0
        self._shard[self._filled] = frames
        self._filled += 1
        self.shards[-1]['num_clips'] = self._filled
        self.clip_ids.append(clip_id)

    def leave_out(self, clip_id: str, reason: str) -> None:
        """Records a clip of the source that is not in the store."""
        self.left_out.append(dict(clip_id=clip_id, reason=reason))

    def _close_shard(self) -> None:
        if self._shard is None:
            return
        self._shard.flush()
        if self._filled < self.clips_per_shard:  # the last: cut to its clips
            path = osp.join(self.root, self.shards[-1]['file'])
            part = np.array(self._shard[:self._filled])
            del self._shard
            tmp = path + '.tmp.npy'
            np.save(tmp, part)
            os.replace(tmp, path)
        self._shard = None

    def close(self) -> dict:
        """Finishes the last shard and writes the index (last, atomically:
        a store without an index is an unfinished one). Returns it."""
        self._close_shard()
        if not self.clip_ids:
            raise ValueError(f'no clip to store in {self.root}: all '
                             f'{len(self.left_out)} were left out')
        index = dict(
            format=FORMAT,
            version=VERSION,
            clip_shape=list(self.clip_shape),
            dtype='uint8',
            shards=self.shards,
            clip_ids=self.clip_ids,
            left_out=self.left_out,
            source=self.source)
        write_atomically(
            json.dumps(index, indent=1).encode(), osp.join(self.root, INDEX))
        return index


class ClipStore:
    """Reads a clip store: ``store[i]`` is clip ``i``, (T, H, W, 3) uint8.

    Opening checks the index and that every shard exists with the shape
    and size the index gives (a missing or truncated shard is an error
    naming it). Shards are memory-mapped on first use in each process, so
    the store can go to data-loading workers.

    Args:
        root (str): The store folder.
    """

    def __init__(self, root: str):
        path = osp.join(root, INDEX)
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'clip store index not found: {path} (write the store with '
                'tools/data/convert_to_clip_store.py)')
        try:
            with open(path) as f:
                index = json.load(f)
        except (OSError, ValueError) as error:
            raise VideoDataError(f'{path}: unreadable clip store index: '
                                 f'{error}') from error
        if not isinstance(index, dict) or index.get('format') != FORMAT:
            raise VideoDataError(f'{path}: not a clip store index')
        if index.get('version') != VERSION:
            raise VideoDataError(
                f'{path}: clip store version {index.get("version")}, this '
                f'version of vosgan_mm reads version {VERSION}')
        self.root = root
        self.index = index
        self.clip_shape = tuple(index['clip_shape'])
        self.clip_ids = index['clip_ids']
        starts = np.cumsum([0] + [s['num_clips'] for s in index['shards']])
        if starts[-1] != len(self.clip_ids):
            raise VideoDataError(
                f'{path}: its shards hold {starts[-1]} clips but it names '
                f'{len(self.clip_ids)}')
        self._starts = starts
        for shard in index['shards']:
            self._check_shard(shard)
        self._maps = {}

    def _check_shard(self, shard: dict) -> None:
        path = osp.join(self.root, shard['file'])
        if not osp.isfile(path):
            raise VideoDataError(f'clip store shard missing: {path}')
        expected = (shard['num_clips'], *self.clip_shape)
        try:
            array = np.load(path, mmap_mode='r')
        except (OSError, ValueError) as error:  # cut short, or not .npy
            raise VideoDataError(
                f'{path}: unreadable clip store shard ({error}); the file '
                'is truncated or not a shard: convert the data again'
            ) from error
        if array.shape != expected or array.dtype != np.uint8:
            raise VideoDataError(
                f'{path}: shard of {array.dtype} {array.shape}, the index '
                f'gives uint8 {expected}')

    def __len__(self) -> int:
        return len(self.clip_ids)

    def __getitem__(self, i: int) -> np.ndarray:
        if not -len(self) <= i < len(self):
            raise IndexError(f'clip {i} of a store of {len(self)}')
        i %= len(self)
        shard = int(np.searchsorted(self._starts, i, side='right')) - 1
        if shard not in self._maps:
            self._maps[shard] = np.load(
                osp.join(self.root, self.index['shards'][shard]['file']),
                mmap_mode='r')
        return np.array(self._maps[shard][i - self._starts[shard]])

    def __getstate__(self):
        state = self.__dict__.copy()
        state['_maps'] = {}  # each worker maps the shards itself
        return state
