"""Building blocks shared by the VOS-GAN networks."""
from typing import Optional, Sequence, Union

import torch.nn as nn
from mmcv.cnn import build_activation_layer, build_norm_layer

IntOrTriple = Union[int, Sequence[int]]

LRELU = dict(type='LeakyReLU', negative_slope=0.2)

CONV_LAYERS = {
    ('conv', 3): nn.Conv3d,
    ('deconv', 2): nn.ConvTranspose2d,
    ('deconv', 3): nn.ConvTranspose3d,
}


def conv_block(kind: str,
               dims: int,
               in_channels: int,
               out_channels: int,
               kernel_size: IntOrTriple,
               stride: IntOrTriple,
               padding: IntOrTriple,
               norm_cfg: Optional[dict] = None,
               act_cfg: Optional[dict] = None) -> nn.Sequential:
    """A (transposed) convolution, then an optional norm and activation.

    The convolution has a bias only when no norm layer follows it.

    Args:
        kind (str): ``'conv'`` or ``'deconv'`` (transposed convolution).
        dims (int): 2 or 3 spatial(-temporal) dimensions.
        norm_cfg (dict, optional): mmcv norm config, e.g.
            ``dict(type='BN3d')``.
        act_cfg (dict, optional): mmcv activation config.
    """
    layers = [
        CONV_LAYERS[(kind, dims)](
            in_channels,
            out_channels,
            kernel_size,
            stride,
            padding,
            bias=norm_cfg is None)
    ]
    if norm_cfg is not None:
        layers.append(build_norm_layer(norm_cfg, out_channels)[1])
    if act_cfg is not None:
        layers.append(build_activation_layer(act_cfg))
    return nn.Sequential(*layers)


# DCGAN initialisation: N(0, 0.02) convolutions, N(1, 0.02) norm scales.
DCGAN_INIT_CFG = [
    dict(
        type='Normal',
        std=0.02,
        layer=['Conv3d', 'ConvTranspose2d', 'ConvTranspose3d']),
    dict(
        type='Normal',
        mean=1.0,
        std=0.02,
        bias=0.0,
        layer=['BatchNorm2d', 'BatchNorm3d']),
]
