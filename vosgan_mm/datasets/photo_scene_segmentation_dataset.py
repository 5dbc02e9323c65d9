from typing import List

import numpy as np
from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS
from .photo_scenes import factors_of, render_photo_scene_clip


@DATASETS.register_module()
class PhotoSceneSegmentationDataset(BaseDataset):
    """The photo-scene benchmark: textured objects moving over real
    photographs, with exact masks, under one scenario of
    :data:`~vosgan_mm.datasets.photo_scenes.SCENARIOS` (``'static'``,
    ``'moving_camera'``, ``'dynamic_background'``, ``'pauses'`` or
    ``'all'``). Clip ``i`` is rendered on the fly from ``seed`` and ``i``
    (:func:`render_photo_scene_clip`), the same on every visit; each clip
    is one video and one shot. Splits are seeds
    (``configs/_base_/datasets/photo_scenes.py``).

    Args:
        num_clips (int): Clips. Defaults to 60.
        seed (int): Seed of the clips. Defaults to 16 (the val split's).
        scenario (str): Which factors are on. Defaults to ``'all'``.
        max_objects (int): Objects per clip at most (1 or 2).
        pipeline (list): Transforms (``imgs`` and ``gt_masks`` are set).
    """

    def __init__(self,
                 num_clips: int = 60,
                 seed: int = 16,
                 scenario: str = 'all',
                 max_objects: int = 2,
                 pipeline: List = (),
                 **kwargs):
        if num_clips < 1:
            raise ValueError(f'num_clips must be positive, got {num_clips}')
        self.factors = factors_of(scenario)
        self.num_clips = num_clips
        self.seed = seed
        self.scenario = scenario
        self.max_objects = max_objects
        super().__init__(pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        return [
            dict(
                sequence=f'photo-{self.scenario}-{self.seed}-{i:06d}',
                clip_index=i,
                shot_index=0,
                frame_ids=list(range(32)),
                num_valid=32) for i in range(self.num_clips)
        ]

    def clip_seed(self, index: int) -> int:
        """The seed clip ``index`` is rendered from."""
        sequence = np.random.SeedSequence([self.seed, index])
        return int(sequence.generate_state(1)[0])

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        clip = render_photo_scene_clip(
            self.clip_seed(info['clip_index']),
            self.factors,
            max_objects=self.max_objects)
        info['imgs'] = list(clip['imgs'])
        info['gt_masks'] = clip['gt_masks'].astype(bool)
        info['gt_masks_small'] = clip['gt_masks'].astype(np.float32)
        info['ori_shape'] = clip['gt_masks'].shape[1:]
        return info
