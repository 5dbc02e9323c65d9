from typing import List, Optional, Union

import torch
import torch.nn.functional as F
from mmengine.model import BaseModel
from mmengine.structures import BaseDataElement

from vosgan_mm.models.discriminators import VOSGANEncoder, VOSGANMotionStream
from vosgan_mm.registry import MODELS


@MODELS.register_module()
class VOSGANSegmenter(BaseModel):
    """Video object segmentation with the VOS-GAN discriminator's shared
    encoder and motion stream (paper Sec. 4.4).

    The foreground map is channel 0 of the motion stream through a sigmoid.
    The sub-modules are named as in ``VOSGANDiscriminator`` so that weights
    load from a GAN checkpoint with ``init_cfg=dict(type='StrictPretrained',
    checkpoint=..., prefix='discriminator.')`` or from a segmentation
    checkpoint without prefix. Both load strictly.

    Args:
        base_channels (int): Encoder width (the paper: 64).
        norm_cfg (dict, optional): Norm of the hidden layers.
        data_preprocessor (dict, optional): Defaults to
            ``VideoGANDataPreprocessor`` (uint8 video -> [-1, 1]).

    Shapes:
        ``inputs['video']`` (N, 3, 32, 64, 64); foreground probabilities
        (N, 1, 32, 64, 64).
    """

    def __init__(self,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor'),
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.encoder = VOSGANEncoder(3, base_channels, norm_cfg)
        self.motion_stream = VOSGANMotionStream(base_channels, norm_cfg)

    def segment_logits(self, video: torch.Tensor) -> torch.Tensor:
        """(N, 3, T, H, W) in [-1, 1] -> (N, 1, T, H, W) logits."""
        return self.motion_stream(self.encoder(video))[:, :1]

    def loss(self, video: torch.Tensor,
             data_samples: List[BaseDataElement]) -> dict:
        """Pixelwise binary cross-entropy against ``gt_masks_small``
        (T, H, W) in [0, 1], over the first ``num_valid`` frames of each
        shot (the rest pad a short shot)."""
        logits = self.segment_logits(video)[:, 0]  # (N, T, H, W)
        target = torch.stack([ds.gt_masks_small for ds in data_samples
                              ]).to(logits.device, torch.float32)
        valid = torch.zeros_like(target)
        for i, ds in enumerate(data_samples):
            valid[i, :ds.num_valid] = 1
        loss = F.binary_cross_entropy_with_logits(
            logits.float(), target, weight=valid, reduction='sum')
        return dict(loss_seg=loss / valid.sum().clamp(min=1))

    def forward(self,
                inputs: dict,
                data_samples: Optional[List[BaseDataElement]] = None,
                mode: str = 'tensor'):
        video = inputs['video']
        if mode == 'loss':
            return self.loss(video, data_samples)
        probs = torch.sigmoid(self.segment_logits(video))
        if mode == 'tensor':
            return probs
        if mode == 'predict':
            for ds, prob in zip(data_samples, probs):
                ds.pred_seg = prob[0].float().cpu()  # (T, H, W)
            return data_samples
        raise ValueError(f'unknown mode "{mode}"; expected loss, predict '
                         'or tensor')
