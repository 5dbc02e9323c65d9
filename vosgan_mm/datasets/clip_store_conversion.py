"""Decoding a data set once into a clip store, and checking a store
against its source (``tools/data/convert_to_clip_store.py``)."""
import copy
import os
import os.path as osp
import re
import shutil
import stat
import tempfile
from typing import Callable, Optional

import numpy as np
import torch
from mmengine.dataset import BaseDataset, Compose

from vosgan_mm.registry import DATASETS

from .clip_store import INDEX, ClipStore, ClipStoreWriter
from .errors import DroppedClip, VideoDataError

# pipeline steps after which a clip's frames are final: the store holds the
# frames these steps receive
AFTER_LOADING = ('ComputeFlowTarget', 'PackVideoGANInputs')


def loading_part(pipeline: list) -> list:
    """The steps of a training pipeline that load, cut and resize a clip
    (those before its flow target and packing)."""
    steps = []
    for step in pipeline:
        if step.get('type') in AFTER_LOADING:
            break
        steps.append(step)
    return steps


# the keys a data set's list names its clips by, first found first
ID_KEYS = ('clip_id', 'filename', 'sequence')


class DecodedClips(torch.utils.data.Dataset):
    """``[i]`` is ``(i, frames, reason)``: clip ``i`` of the source data set
    through the loading steps, or None and why it is left out (a clip a
    loading rule drops, or with ``skip_bad`` one that fails to load)."""

    def __init__(self, dataset_cfg: dict, skip_bad: bool):
        cfg = copy.deepcopy(dataset_cfg)
        steps = loading_part(cfg.pop('pipeline', []))
        self.dataset = DATASETS.build(dict(cfg, pipeline=[]))
        self.steps = Compose(steps)
        self.skip_bad = skip_bad

    def __len__(self) -> int:
        return len(self.dataset)

    def clip_id(self, i: int) -> str:
        """The name clip ``i`` has in its data set's list, read without
        loading or rendering the clip."""
        if isinstance(self.dataset, BaseDataset):
            info = BaseDataset.get_data_info(self.dataset, i)
        else:
            info = self.dataset.get_data_info(i)
        for key in ID_KEYS:
            if key in info:
                return str(info[key])
        return str(i)

    def __getitem__(self, i: int):
        info = self.dataset.get_data_info(i)
        name = getattr(self.dataset, 'clip_name', lambda x: None)(info)
        try:
            frames = self.steps(info)['imgs']
        except DroppedClip as exc:
            return i, None, str(exc)
        except Exception as exc:
            reason = str(exc) if isinstance(exc, VideoDataError) else \
                f'{name or self.clip_id(i)}: {type(exc).__name__}: {exc}'
            if not self.skip_bad:
                raise VideoDataError(reason) from exc
            return i, None, reason
        return i, np.ascontiguousarray(np.asarray(frames, np.uint8)), None


# what a store folder holds: its index and shards (a shard being cut to
# its clips is written beside it first)
STORE_FILE = re.compile(r'^(index\.json|shard_\d+\.npy(\.tmp\.npy)?)$')


def _store_to_replace(root: str, overwrite: bool) -> bool:
    """Whether ``root`` holds a finished store that ``overwrite`` lets the
    conversion replace; an error naming it where it may not."""
    index = osp.join(root, INDEX)
    if not osp.exists(index):
        return False
    if not overwrite:
        raise FileExistsError(
            f'{index} exists: a clip store is already there; pass '
            '--overwrite to replace it, or choose another folder')
    others = sorted(n for n in os.listdir(root) if not STORE_FILE.match(n))
    if others:
        raise FileExistsError(
            f'--overwrite replaces the whole folder {root}, which holds '
            f'more than a clip store ({", ".join(others[:3])}'
            f'{", ..." if len(others) > 3 else ""}); move those out or '
            'choose another folder')
    return True


def _swap_in(new: str, root: str) -> None:
    """Puts the finished store folder ``new`` in the place of ``root``: two
    renames in one file system, then the old store is deleted."""
    parent, name = osp.split(osp.abspath(root))
    os.chmod(new, stat.S_IMODE(os.stat(root).st_mode))  # not mkdtemp's 0700
    old = tempfile.mkdtemp(dir=parent, prefix=f'.{name}.old-')
    os.replace(root, old)  # onto the empty folder mkdtemp made
    os.replace(new, root)
    shutil.rmtree(old)


def convert_to_clip_store(dataset_cfg: dict,
                          root: str,
                          clips_per_shard: int = 4096,
                          workers: int = 0,
                          max_clips: Optional[int] = None,
                          skip_bad: bool = False,
                          progress: Callable[[int, int], None] = None,
                          source: Optional[dict] = None,
                          overwrite: bool = False) -> dict:
    """Decodes every clip of ``dataset_cfg`` (a data set config with its
    training pipeline) through its loading steps, in order, into a new
    store at ``root``; ``workers`` processes decode in parallel. Returns
    the store's index.

    A folder that holds a finished store already is a ``FileExistsError``
    naming its index, unless ``overwrite``: then the new store is written
    in a folder beside it and takes its place only once it is whole, so
    that a failed or stopped conversion leaves the old store as it was.
    """
    replacing = _store_to_replace(root, overwrite)
    clips = DecodedClips(dataset_cfg, skip_bad)
    count = len(clips) if max_clips is None else min(max_clips, len(clips))
    loader = torch.utils.data.DataLoader(
        torch.utils.data.Subset(clips, range(count)),
        batch_size=None,
        num_workers=workers)
    target = root
    if replacing:
        parent, name = osp.split(osp.abspath(root))
        target = tempfile.mkdtemp(dir=parent, prefix=f'.{name}.new-')
    try:
        writer = ClipStoreWriter(target, clips_per_shard, source)
        for done, (i, frames, reason) in enumerate(loader, 1):
            clip_id = clips.clip_id(i)
            if frames is None:
                writer.leave_out(clip_id, reason)
            else:
                writer.add(
                    clip_id,
                    frames.numpy()
                    if isinstance(frames, torch.Tensor) else frames)
            if progress is not None:
                progress(done, count)
        index = writer.close()
    except BaseException:
        if replacing:
            shutil.rmtree(target, ignore_errors=True)
        raise
    if replacing:
        _swap_in(target, root)
    return index


def check_clip_store(dataset_cfg: dict,
                     root: str,
                     num_clips: int = 64,
                     seed: int = 0) -> dict:
    """Opens the store at ``root`` (every shard's size checked) and decodes
    ``num_clips`` of its clips (drawn with ``seed``; all of them if
    ``num_clips`` is 0 or more than it holds) from the source again: the
    frames must be equal to the byte. Returns what was checked; a
    difference is a :class:`VideoDataError` naming the clip."""
    store = ClipStore(root)
    clips = DecodedClips(dataset_cfg, skip_bad=True)
    by_id = {clips.clip_id(i): i for i in range(len(clips))}
    picked = range(len(store))
    if 0 < num_clips < len(store):
        picked = np.random.default_rng(seed).choice(
            len(store), num_clips, replace=False)
    for k in sorted(int(k) for k in picked):
        clip_id = store.clip_ids[k]
        if clip_id not in by_id:
            raise VideoDataError(
                f'{root}: clip {clip_id} is not in the source data set')
        _, frames, reason = clips[by_id[clip_id]]
        if frames is None:
            raise VideoDataError(f'{root}: clip {clip_id} no longer loads '
                                 f'from the source: {reason}')
        if not np.array_equal(frames, store[k]):
            raise VideoDataError(f'{root}: clip {clip_id} (number {k}) '
                                 'differs from its source')
    return dict(
        num_clips=len(store),
        clips_checked=len(picked),
        shards=len(store.index['shards']),
        left_out=len(store.index['left_out']))
