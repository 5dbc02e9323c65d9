from typing import List, Optional

import numpy as np
import torch
from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS
from vosgan_mm.utils.video_values import video_to_uint8


@DATASETS.register_module()
class GeneratedVideoDataset(BaseDataset):
    """Videos and masks sampled on the fly from a trained, frozen VOS-GAN
    generator: the "synthetic" segmentation training data (paper Sec. 4.4).

    Item ``i`` is generated from latents seeded by ``seed`` and ``i``; the
    generator's mask is the label. No real video and no real mask is used.
    The GAN is loaded lazily, once per process.

    Args:
        gan_config (str): Config of the GAN.
        gan_checkpoint (str): Its checkpoint.
        num_samples (int): Items per epoch. Defaults to 1600.
        seed (int): Seed of the latents. Defaults to 0.
        mask_threshold (float, optional): Binarise G's soft mask at this
            value; None keeps it soft. Defaults to None.
        pipeline (list): Transforms (``imgs``, ``gt_masks_small`` set).
    """

    def __init__(self,
                 gan_config: str,
                 gan_checkpoint: str,
                 num_samples: int = 1600,
                 seed: int = 0,
                 mask_threshold: Optional[float] = None,
                 pipeline: List = (),
                 **kwargs):
        self.gan_config = gan_config
        self.gan_checkpoint = gan_checkpoint
        self.num_samples = num_samples
        self.seed = seed
        self.mask_threshold = mask_threshold
        self._gan = None
        super().__init__(pipeline=list(pipeline), **kwargs)

    def load_data_list(self) -> List[dict]:
        return [
            dict(
                sequence=f'generated-{self.seed}-{i:06d}',
                sample_index=i,
                shot_index=0,
                frame_ids=list(range(32)),
                num_valid=32) for i in range(self.num_samples)
        ]

    @property
    def gan(self):
        if self._gan is None:
            from vosgan_mm.models import load_gan
            self._gan = load_gan(self.gan_config, self.gan_checkpoint)
        return self._gan

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        seed = int(
            np.random.SeedSequence([self.seed, info['sample_index']
                                    ]).generate_state(1)[0])
        with torch.no_grad():
            out = self.gan.generate(**self.gan.sample_latents(1, seed))
        video = video_to_uint8(out['video'][0])
        mask = out['mask'][0, 0].float()  # (T, H, W)
        if self.mask_threshold is not None:
            mask = (mask > self.mask_threshold).float()
        info['imgs'] = list(
            video.permute(1, 2, 3, 0).cpu().numpy())
        info['gt_masks_small'] = mask.cpu().numpy()
        info['ori_shape'] = tuple(mask.shape[1:])
        return info

    def __getstate__(self):
        state = self.__dict__.copy()
        state['_gan'] = None  # each worker loads its own copy
        return state
