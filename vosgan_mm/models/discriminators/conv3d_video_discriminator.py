from typing import Dict, List, Optional, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from vosgan_mm.models.layers import DCGAN_INIT_CFG, LRELU, conv_block
from vosgan_mm.registry import MODELS


@MODELS.register_module()
class Conv3dVideoEncoder(BaseModule):
    """Four 3D convolutions with leaky ReLU (batch norm from the second):
    VGAN's and TGAN's discriminator body, and, with a last layer of kernel
    2 and stride 1, VOS-GAN's shared encoder.

    Args:
        in_channels (int): Video channels. Defaults to 3.
        base_channels (int): Width of the first layer; the four layers use
            1x, 2x, 4x and 8x of it (64...512).
        norm_cfg (dict, optional): Norm of layers 2-4.
        last_layer (tuple): (kernel, stride, padding) of the fourth layer.
            Defaults to (4, 2, 1).

    Shapes:
        (N, 3, 32, 64, 64) in, (N, 8c, 2, 4, 4) out (c = base_channels).
    """

    def __init__(self,
                 in_channels: int = 3,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 last_layer: tuple = (4, 2, 1),
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        c = base_channels
        self.out_channels = 8 * c
        self.layers = nn.Sequential(
            conv_block('conv', 3, in_channels, c, 4, 2, 1, None,
                       LRELU),  # 64 x 16 x 32 x 32
            conv_block('conv', 3, c, 2 * c, 4, 2, 1, norm_cfg,
                       LRELU),  # 128 x 8 x 16 x 16
            conv_block('conv', 3, 2 * c, 4 * c, 4, 2, 1, norm_cfg,
                       LRELU),  # 256 x 4 x 8 x 8
            conv_block('conv', 3, 4 * c, 8 * c, *last_layer, norm_cfg,
                       LRELU),  # 512 x 2 x 4 x 4 with (4, 2, 1)
        )

    def forward(self, video: torch.Tensor) -> torch.Tensor:
        return self.layers(video)


@MODELS.register_module()
class Conv3dVideoDiscriminator(BaseModule):
    """A 3D-convolution real/fake discriminator: VGAN's (Vondrick et al.
    2016) and, with a WGAN loss, TGAN's critic (Saito et al. 2017).

    ``encoder`` (checkpoint prefix ``discriminator.encoder.``) is every
    layer before the real/fake output, a (2, 4, 4) convolution to one
    score per video.

    Args:
        in_channels (int): Video channels. Defaults to 3.
        base_channels (int): Width of the first layer (64).
        norm_cfg (dict, optional): Norm of layers 2-4.

    Shapes:
        (N, 3, 32, 64, 64) in; ``logits`` (N,) out.
    """

    def __init__(self,
                 in_channels: int = 3,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        self.encoder = Conv3dVideoEncoder(
            in_channels, base_channels, norm_cfg, init_cfg=None)
        self.head = conv_block('conv', 3, 8 * base_channels, 1, (2, 4, 4), 1,
                               0)  # 1 x 1 x 1 x 1

    def forward(self, video: torch.Tensor) -> Dict[str, torch.Tensor]:
        return dict(logits=self.head(self.encoder(video)).flatten())
