from typing import Dict, List, Optional, Union

import torch
import torch.nn as nn
from mmcv.cnn import build_norm_layer
from mmengine.model import BaseModule

from vosgan_mm.models.layers import DCGAN_INIT_CFG, conv_block
from vosgan_mm.registry import MODELS

RELU = dict(type='ReLU')


@MODELS.register_module()
class TGANGenerator(BaseModule):
    """TGAN's generator (Saito et al. 2017) for 32 frames of 64x64.

    A temporal generator of 1D transposed convolutions maps ``z0`` to one
    latent ``z1_t`` per frame; an image generator maps each
    ``(z0, z1_t)`` to a frame.

    Args:
        latent_dim (int): Size of ``z0`` and of each ``z1_t``. Defaults to
            100.
        num_frames (int): Frames (32: four doublings from 4). Fixed by the
            temporal generator's layers.
        base_channels (int): Width of the image generator's last hidden
            layer (64).
        norm_cfg (dict, optional): Norm of the image generator.

    Shapes:
        z (N, 100) in; ``video`` (N, 3, 32, 64, 64) in [-1, 1] out.
    """

    def __init__(self,
                 latent_dim: int = 100,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN2d'),
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        c = base_channels

        def up1d(cin, cout, k, s, p):
            return nn.Sequential(
                nn.ConvTranspose1d(cin, cout, k, s, p, bias=False),
                build_norm_layer(dict(type='BN1d'), cout)[1], nn.ReLU())

        # (N, 100, 1) -> (N, 100, 32): one latent per frame
        self.temporal_generator = nn.Sequential(
            up1d(latent_dim, 8 * c, 4, 1, 0),  # 512 x 4
            up1d(8 * c, 4 * c, 4, 2, 1),  # 256 x 8
            up1d(4 * c, 2 * c, 4, 2, 1),  # 128 x 16
            nn.ConvTranspose1d(2 * c, latent_dim, 4, 2, 1),  # 100 x 32
            nn.Tanh())

        def up2d(cin, cout, k, s, p, act=RELU, norm=norm_cfg):
            return conv_block('deconv', 2, cin, cout, k, s, p, norm, act)

        # (N*T, 200, 1, 1) -> (N*T, 3, 64, 64)
        self.image_generator = nn.Sequential(
            up2d(2 * latent_dim, 8 * c, 4, 1, 0),  # 512 x 4 x 4
            up2d(8 * c, 4 * c, 4, 2, 1),  # 256 x 8 x 8
            up2d(4 * c, 2 * c, 4, 2, 1),  # 128 x 16 x 16
            up2d(2 * c, c, 4, 2, 1),  # 64 x 32 x 32
            up2d(c, 3, 4, 2, 1, dict(type='Tanh'), None),  # 3 x 64 x 64
        )

    def forward(self, z: torch.Tensor) -> Dict[str, torch.Tensor]:
        if z.dim() != 2:
            raise ValueError(
                f'TGANGenerator expects z of shape (N, D), got '
                f'{tuple(z.shape)}')
        n = z.shape[0]
        z1 = self.temporal_generator(z[:, :, None])  # (N, D, T)
        t = z1.shape[2]
        codes = torch.cat([z[:, :, None].expand(-1, -1, t), z1], dim=1)
        codes = codes.permute(0, 2, 1).reshape(n * t, -1, 1, 1)
        frames = self.image_generator(codes)  # (N*T, 3, H, W)
        video = frames.view(n, t, *frames.shape[1:]).permute(0, 2, 1, 3, 4)
        return dict(video=video)
