from typing import Optional

import torch
from mmengine.model import BaseDataPreprocessor

from vosgan_mm.registry import MODELS
from vosgan_mm.sprites import render_sprite_videos
from vosgan_mm.utils.video_values import video_from_uint8


@MODELS.register_module()
class VideoGANDataPreprocessor(BaseDataPreprocessor):
    """Moves a collated batch to the model's device and scales it.

    ``inputs['video']``: (N, 3, T, H, W) uint8 -> float32 in [-1, 1]
    (float videos are taken as already scaled); ``inputs['flow']``
    (optional, the real clips' flow in pixels, (N, 2, T-1, H, W)) ->
    float32. Lists of per-clip tensors (MMEngine's ``pseudo_collate``) are
    stacked first.

    A batch of sprite scenes (``sprite_background`` and ``sprite_params``
    from ``PackSpriteScene``, with ``num_frames`` in the data samples) is
    drawn into ``video`` here, on the model's device, in one go
    (:func:`~vosgan_mm.sprites.render_sprite_videos`).
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        data = self.cast_data(data)
        inputs = {
            key: torch.stack(value) if isinstance(value,
                                                  (list, tuple)) else value
            for key, value in data['inputs'].items()
        }
        if 'sprite_params' in inputs:
            inputs['video'] = self._render_sprites(
                inputs.pop('sprite_background'), inputs.pop('sprite_params'),
                data.get('data_samples'))
        video = inputs['video']
        if video.dim() != 5 or video.shape[1] != 3:
            raise ValueError('expected video batches of shape (N, 3, T, H, W)'
                             f', got {tuple(video.shape)}')
        scaled = dict(inputs)
        if video.dtype == torch.uint8:
            scaled['video'] = video_from_uint8(video)
        flow: Optional[torch.Tensor] = inputs.get('flow')
        if flow is not None:
            scaled['flow'] = flow.float()
        return dict(inputs=scaled, data_samples=data.get('data_samples'))

    @staticmethod
    def _render_sprites(background, params, data_samples) -> torch.Tensor:
        lengths = {sample.num_frames for sample in data_samples or []}
        if len(lengths) != 1:
            raise ValueError('sprite scenes need data samples that give '
                             'one num_frames for the batch (PackSpriteScene)'
                             f', got {sorted(lengths)}')
        return render_sprite_videos(
            background, params, lengths.pop(), with_labels=False)['video']
