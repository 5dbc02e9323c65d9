import numpy as np
import torch
from mmcv.transforms import BaseTransform
from mmengine.structures import BaseDataElement

from vosgan_mm.registry import TRANSFORMS


@TRANSFORMS.register_module()
class PackSpriteScene(BaseTransform):
    """Packs a sprite clip's scene, to be drawn on the model's device by
    ``VideoGANDataPreprocessor`` (``SpriteVideoDataset(render_frames=
    False)``): a batch of scenes is a few hundred kilobytes where its
    frames are tens of megabytes, and the GPU draws them in one go.

    Required keys: ``sprite_background`` (H, W, 3) float32,
    ``sprite_params`` (S, 11) float64 (see
    :data:`~vosgan_mm.sprites.SPRITE_FIELDS`), ``num_frames``. Output:
    ``inputs`` with those two arrays as tensors; ``data_samples`` with
    ``num_frames`` and ``clip_id`` as meta-information.
    """

    def transform(self, results: dict) -> dict:
        background = np.asarray(results['sprite_background'], np.float32)
        params = np.asarray(results['sprite_params'], np.float64)
        if background.ndim != 3 or background.shape[-1] != 3 or \
                params.ndim != 2:
            raise ValueError(
                'expected a sprite scene of an (H, W, 3) background and (S, '
                f'11) sprites, got {background.shape} and {params.shape}')
        sample = BaseDataElement(
            metainfo=dict(
                num_frames=int(results['num_frames']),
                clip_id=results.get('clip_id')))
        inputs = dict(
            sprite_background=torch.from_numpy(background),
            sprite_params=torch.from_numpy(params))
        return dict(inputs=inputs, data_samples=sample)
