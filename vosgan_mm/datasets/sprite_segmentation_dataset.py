from typing import List

import numpy as np
from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS
from vosgan_mm.sprites import render_sprite_clip

from .video_segmentation_dataset import split_by_video


@DATASETS.register_module()
class SpriteSegmentationDataset(BaseDataset):
    """The embedded sprite videos as a segmentation benchmark.

    Each clip (32 frames of 64x64, rendered from ``seed`` and its index as
    in :class:`SpriteVideoDataset`) is one video and one shot, with its
    ground-truth masks; videos are split 70/30 by ``split_seed``. The
    default ``seed`` (1) differs from the GAN training data's (0).

    Args:
        num_clips (int): Videos in the data set. Defaults to 200.
        seed (int): Seed of the clips. Defaults to 1.
        split (str): ``'train'``, ``'val'`` or ``'all'``.
        train_ratio (float): Training share. Defaults to 0.7.
        split_seed (int): Seed of the split. Defaults to 0.
        pipeline (list): Transforms (``imgs`` and ``gt_masks`` are set).
    """

    def __init__(self,
                 num_clips: int = 200,
                 seed: int = 1,
                 split: str = 'val',
                 train_ratio: float = 0.7,
                 split_seed: int = 0,
                 max_sprites: int = 2,
                 pipeline: List = (),
                 **kwargs):
        if split not in ('train', 'val', 'all'):
            raise ValueError(f'split must be train, val or all, got "{split}"')
        self.num_clips = num_clips
        self.seed = seed
        self.split = split
        self.train_ratio = train_ratio
        self.split_seed = split_seed
        self.max_sprites = max_sprites
        super().__init__(pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        names = [f'sprite-{self.seed}-{i:06d}' for i in range(self.num_clips)]
        if self.split != 'all':
            keep = set(
                split_by_video(names, self.train_ratio,
                               self.split_seed)[self.split])
        else:
            keep = set(names)
        return [
            dict(
                sequence=name,
                clip_index=i,
                shot_index=0,
                frame_ids=list(range(32)),
                num_valid=32) for i, name in enumerate(names) if name in keep
        ]

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        clip_seed = np.random.SeedSequence([self.seed, info['clip_index']])
        clip = render_sprite_clip(
            int(clip_seed.generate_state(1)[0]), max_sprites=self.max_sprites)
        info['imgs'] = list(clip['imgs'])
        info['gt_masks'] = clip['gt_masks'].astype(bool)
        info['gt_masks_small'] = clip['gt_masks'].astype(np.float32)
        info['ori_shape'] = clip['gt_masks'].shape[1:]
        return info
