from typing import Dict, List, Optional, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from vosgan_mm.models.layers import DCGAN_INIT_CFG, LRELU, conv_block
from vosgan_mm.registry import MODELS
from .conv3d_video_discriminator import Conv3dVideoEncoder


@MODELS.register_module()
class VOSGANEncoder(Conv3dVideoEncoder):
    """The discriminator's shared encoder (paper Table 2, first block):
    three strided 3D convolutions and one of kernel 2, stride 1, padding 1.

    Args:
        in_channels (int): Video channels. Defaults to 3.
        base_channels (int): Width of the first layer; the four layers use
            1x, 2x, 4x and 8x of it (the paper: 64...512).
        norm_cfg (dict, optional): Norm of layers 2-4. Defaults to
            ``dict(type='BN3d')``.

    Shapes:
        (N, 3, 32, 64, 64) in, (N, 512, 5, 9, 9) out.
    """

    def __init__(self,
                 in_channels: int = 3,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(in_channels, base_channels, norm_cfg, (2, 1, 1),
                         init_cfg)


@MODELS.register_module()
class VOSGANMotionStream(nn.Sequential):
    """The discriminator's motion stream (paper Table 2, last block): a
    mirror of the encoder that decodes its features into three dense maps
    per frame, before the sigmoid: channel 0 the foreground map, channels
    1-2 the optical flow.

    Args:
        base_channels (int): The encoder's width (the paper: 64).
        norm_cfg (dict, optional): Norm of the hidden layers.
        parity_head (bool): Compute the last layer (3 output channels) as
            :class:`~vosgan_mm.models.ParityConvTranspose3d`: the same
            parameters and outputs (to float rounding), faster on CPU.
            Defaults to False.

    Shapes:
        (N, 512, 5, 9, 9) in, (N, 3, 32, 64, 64) out.
    """

    def __init__(self,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 parity_head: bool = False):
        c = base_channels
        relu = dict(type='ReLU')
        super().__init__(
            conv_block('deconv', 3, 8 * c, 4 * c, 2, 1, 1, norm_cfg,
                       relu),  # 256 x 4 x 8 x 8
            conv_block('deconv', 3, 4 * c, 2 * c, 4, 2, 1, norm_cfg,
                       relu),  # 128 x 8 x 16 x 16
            conv_block('deconv', 3, 2 * c, c, 4, 2, 1, norm_cfg,
                       relu),  # 64 x 16 x 32 x 32
            conv_block('parity_deconv' if parity_head else 'deconv', 3, c, 3,
                       4, 2, 1),  # 3 x 32 x 64 x 64
        )


@MODELS.register_module()
class VOSGANDiscriminator(BaseModule):
    """VOS-GAN discriminator (paper Table 2).

    A shared encoder (``encoder``, checkpoint prefix
    ``discriminator.encoder.``) feeds a discrimination stream (one real/fake
    logit per video) and a motion stream whose last layer gives, through a
    sigmoid, the foreground map (channel 0) and the optical flow (channels
    1-2, normalised into [0, 1]) of every frame.

    Args:
        in_channels (int): Video channels. Defaults to 3.
        base_channels (int): Encoder width (the paper: 64).
        norm_cfg (dict, optional): Norm of the hidden layers. Defaults to
            ``dict(type='BN3d')``.

    Shapes:
        (N, 3, 32, 64, 64) in [-1, 1]; out ``logits`` (N,), ``seg_logits``
        and ``seg`` (N, 1, 32, 64, 64), ``flow`` (N, 2, 32, 64, 64).
    """

    def __init__(self,
                 in_channels: int = 3,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 parity_head: bool = False,
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        c = base_channels
        self.encoder = VOSGANEncoder(in_channels, c, norm_cfg, init_cfg=None)
        # (N, 512, 5, 9, 9) -> (N, 1, 1, 1, 1)
        self.discrimination_stream = nn.Sequential(
            conv_block('conv', 3, 8 * c, 16 * c, 4, 2, 1, norm_cfg,
                       LRELU),  # 1024 x 2 x 4 x 4
            conv_block('conv', 3, 16 * c, 1, (2, 4, 4), (2, 4, 4),
                       0),  # 1 x 1 x 1 x 1
        )
        # (N, 512, 5, 9, 9) -> (N, 3, 32, 64, 64), before the sigmoid
        self.motion_stream = VOSGANMotionStream(c, norm_cfg, parity_head)

    def forward(self,
                video: torch.Tensor,
                with_dense: bool = True) -> Dict[str, torch.Tensor]:
        """Args:
            video (Tensor): (N, 3, T, H, W) in [-1, 1].
            with_dense (bool): Also run the motion stream. The generator
                step needs only the logits. Defaults to True.
        """
        features = self.encoder(video)
        logits = self.discrimination_stream(features).flatten()
        if not with_dense:
            return dict(logits=logits)
        dense = self.motion_stream(features)  # (N, 3, T, H, W) pre-sigmoid
        seg_logits = dense[:, :1]
        return dict(
            logits=logits,
            seg_logits=seg_logits,
            seg=torch.sigmoid(seg_logits),
            flow=torch.sigmoid(dense[:, 1:]))
