from typing import List

import numpy as np
from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS
from vosgan_mm.sprites import (draw_sprites, render_background,
                               render_sprite_clip)


@DATASETS.register_module()
class SpriteVideoDataset(BaseDataset):
    """The embedded default data set: procedural sprite videos.

    Clip ``i`` is rendered on the fly from ``seed`` and ``i``
    (:func:`~vosgan_mm.sprites.render_sprite_clip`), identical on every
    visit and machine, with its ground-truth foreground masks
    (``gt_masks``) and true flow (``gt_flow``). Nothing is downloaded or
    written.

    Args:
        num_clips (int): Clips in the data set. Defaults to 2048.
        seed (int): Seed of the data set. Defaults to 0.
        num_frames (int): Frames per clip. Defaults to 32.
        frame_size (int): Frame height and width. Defaults to 64.
        max_sprites (int): Moving objects per clip at most. Defaults to 2.
        render_frames (bool): Draw the frames here (default). False gives
            each clip's scene instead, ``sprite_background`` (H, W, 3)
            float32 and ``sprite_params`` (S, 11) float64, for
            ``PackSpriteScene``: the data preprocessor then draws the
            frames of a whole batch on the model's device
            (:func:`~vosgan_mm.sprites.render_sprite_videos`, the same
            frames), without masks and flow.
        pipeline (list): Transforms; ``imgs`` holds (T, H, W, 3) uint8 RGB.
    """

    def __init__(self,
                 num_clips: int = 2048,
                 seed: int = 0,
                 num_frames: int = 32,
                 frame_size: int = 64,
                 max_sprites: int = 2,
                 render_frames: bool = True,
                 pipeline: List = (),
                 **kwargs):
        if num_clips < 1:
            raise ValueError(f'num_clips must be positive, got {num_clips}')
        self.num_clips = num_clips
        self.seed = seed
        self.num_frames = num_frames
        self.frame_size = frame_size
        self.max_sprites = max_sprites
        self.render_frames = render_frames
        super().__init__(pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        return [
            dict(clip_id=f'sprite-{self.seed}-{i:06d}', clip_index=i)
            for i in range(self.num_clips)
        ]

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        clip_seed = int(
            np.random.SeedSequence([self.seed,
                                    info['clip_index']]).generate_state(1)[0])
        if self.render_frames:
            info.update(
                render_sprite_clip(clip_seed, self.num_frames, self.frame_size,
                                   self.max_sprites))
        else:  # the scene only, drawn from the same random source
            rng = np.random.default_rng(clip_seed)
            info['sprite_background'] = render_background(rng, self.frame_size)
            info['sprite_params'] = draw_sprites(rng, self.num_frames,
                                                 self.frame_size,
                                                 self.max_sprites)
            info['num_frames'] = self.num_frames
        info['img_shape'] = info['original_shape'] = (self.frame_size,
                                                      self.frame_size)
        return info
