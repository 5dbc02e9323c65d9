from typing import Dict, List, Optional, Union

import torch
from mmengine.model import BaseModule

from vosgan_mm.models.layers import DCGAN_INIT_CFG, conv_block
from vosgan_mm.registry import MODELS
from .vosgan_generator import VOSGANGenerator

RELU = dict(type='ReLU')


@MODELS.register_module()
class VGANGenerator(BaseModule):
    """VGAN's two-stream generator (Vondrick et al. 2016).

    One latent vector drives both a 2D background stream and a 3D
    foreground stream with frame and mask heads, composed as
    ``m * f + (1 - m) * b`` (Eq. 1 of VOS-GAN). Batch norm and ReLU in the
    hidden layers.

    Args:
        latent_dim (int): Size of ``z``. Defaults to 100.
        base_channels (int): Width of the last hidden layer (VGAN: 64).
        norm_cfg (dict, optional): Norm of the 3D stream.
        background_norm_cfg (dict, optional): Norm of the 2D stream.

    Shapes:
        z (N, 100) in; ``video``, ``foreground`` (N, 3, 32, 64, 64),
        ``mask`` (N, 1, 32, 64, 64), ``background`` (N, 3, 64, 64) out.
    """

    def __init__(self,
                 latent_dim: int = 100,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 background_norm_cfg: Optional[dict] = dict(type='BN2d'),
                 init_cfg: Optional[Union[dict, List[dict]]] = DCGAN_INIT_CFG):
        super().__init__(init_cfg=init_cfg)
        c = base_channels
        self.latent_dim = latent_dim

        def up2d(cin, cout, k, s, p, act=RELU, norm=background_norm_cfg):
            return conv_block('deconv', 2, cin, cout, k, s, p, norm, act)

        def up3d(cin, cout, k, s, p, act=RELU, norm=norm_cfg):
            return conv_block('deconv', 3, cin, cout, k, s, p, norm, act)

        self.background_stream = torch.nn.Sequential(
            up2d(latent_dim, 8 * c, 4, 1, 0),  # 512 x 4 x 4
            up2d(8 * c, 4 * c, 4, 2, 1),  # 256 x 8 x 8
            up2d(4 * c, 2 * c, 4, 2, 1),  # 128 x 16 x 16
            up2d(2 * c, c, 4, 2, 1),  # 64 x 32 x 32
            up2d(c, 3, 4, 2, 1, dict(type='Tanh'), None),  # 3 x 64 x 64
        )
        self.foreground_stream = torch.nn.Sequential(
            up3d(latent_dim, 8 * c, (2, 4, 4), 1, 0),  # 512 x 2 x 4 x 4
            up3d(8 * c, 4 * c, 4, 2, 1),  # 256 x 4 x 8 x 8
            up3d(4 * c, 2 * c, 4, 2, 1),  # 128 x 8 x 16 x 16
            up3d(2 * c, c, 4, 2, 1),  # 64 x 16 x 32 x 32
        )
        self.foreground_head = up3d(c, 3, 4, 2, 1, dict(type='Tanh'), None)
        self.mask_head = up3d(c, 1, 4, 2, 1, dict(type='Sigmoid'), None)

    def forward(self, z: torch.Tensor) -> Dict[str, torch.Tensor]:
        if z.dim() != 2:
            raise ValueError(
                f'VGANGenerator expects z of shape (N, D), got '
                f'{tuple(z.shape)}')
        background = self.background_stream(z[:, :, None, None])
        features = self.foreground_stream(z[:, :, None, None, None])
        foreground = self.foreground_head(features)
        mask = self.mask_head(features)
        return dict(
            video=VOSGANGenerator.compose(foreground, mask, background),
            mask=mask,
            foreground=foreground,
            background=background)
