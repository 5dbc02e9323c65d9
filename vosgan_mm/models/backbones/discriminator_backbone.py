from typing import List, Optional, Union

import torch
import torch.nn as nn
from mmengine.model import BaseModule

from vosgan_mm.models.discriminators import Conv3dVideoEncoder, VOSGANEncoder
from vosgan_mm.models.layers import LRELU, conv_block
from vosgan_mm.models.utils import StrictPretrainedInit, loads_checkpoint
from vosgan_mm.registry import MODELS


class DiscriminatorBackbone(BaseModule):
    """A GAN discriminator's layers up to, not including, its real/fake
    output, as an action-recognition backbone (for MMAction2's
    ``Recognizer3D``).

    Sub-modules are named as in the discriminator, so that
    ``init_cfg=dict(type='StrictPretrained', checkpoint=GAN_CHECKPOINT,
    prefix='discriminator.')`` loads them. Loading is always strict here
    (whatever registry scope builds the backbone): a wrong prefix or a
    checkpoint of another model is an error listing the missing keys.

    Args:
        frozen (bool): Transfer learning: no parameter is trained and batch
            norm keeps its running statistics (eval mode) even while the
            recognizer trains. Defaults to False (fine-tuning).
    """

    def __init__(self, frozen: bool = False, init_cfg=None):
        super().__init__(init_cfg=init_cfg)
        self.frozen = frozen

    def init_weights(self) -> None:
        cfg = self.init_cfg
        if loads_checkpoint(cfg):
            StrictPretrainedInit(
                checkpoint=cfg['checkpoint'],
                prefix=cfg.get('prefix'),
                map_location=cfg.get('map_location', 'cpu'))(
                    self)
            self._is_init = True
        else:
            super().init_weights()
        if self.frozen:
            self.requires_grad_(False)

    def train(self, mode: bool = True):
        super().train(mode)
        if self.frozen:
            for m in self.modules():
                if isinstance(m, nn.modules.batchnorm._BatchNorm):
                    m.eval()
        return self


@MODELS.register_module()
class VOSGANBackbone(DiscriminatorBackbone):
    """VOS-GAN's discriminator without its last layer: the shared encoder
    and the first block of the discrimination stream.

    Args:
        base_channels (int): Encoder width (the paper: 64).
        norm_cfg (dict, optional): Norm of the hidden layers.
        frozen (bool): See :class:`DiscriminatorBackbone`.

    Shapes:
        (N, 3, 32, 64, 64) in [-1, 1] -> (N, 1024, 2, 4, 4).
    """

    def __init__(self,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 frozen: bool = False,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(frozen=frozen, init_cfg=init_cfg)
        c = base_channels
        self.encoder = VOSGANEncoder(3, c, norm_cfg)
        self.discrimination_stream = nn.Sequential(
            conv_block('conv', 3, 8 * c, 16 * c, 4, 2, 1, norm_cfg, LRELU))
        if frozen:
            self.requires_grad_(False)

    def forward(self, video: torch.Tensor) -> torch.Tensor:
        return self.discrimination_stream(self.encoder(video))


@MODELS.register_module()
class Conv3dDiscriminatorBackbone(DiscriminatorBackbone):
    """VGAN's or TGAN's discriminator (``Conv3dVideoDiscriminator``)
    without its real/fake layer.

    Shapes:
        (N, 3, 32, 64, 64) in [-1, 1] -> (N, 512, 2, 4, 4).
    """

    def __init__(self,
                 base_channels: int = 64,
                 norm_cfg: Optional[dict] = dict(type='BN3d'),
                 frozen: bool = False,
                 init_cfg: Optional[Union[dict, List[dict]]] = None):
        super().__init__(frozen=frozen, init_cfg=init_cfg)
        self.encoder = Conv3dVideoEncoder(3, base_channels, norm_cfg)
        if frozen:
            self.requires_grad_(False)

    def forward(self, video: torch.Tensor) -> torch.Tensor:
        return self.encoder(video)
