"""Building blocks shared by the VOS-GAN networks."""
from typing import Optional, Sequence, Union

import torch
from mmcv.cnn import ConvModule

from .efficient_conv_forms import (EfficientConv3d, EfficientConvTranspose2d,
                                   EfficientConvTranspose3d)
from .parity_conv_transpose import ParityConvTranspose3d

IntOrTriple = Union[int, Sequence[int]]

LRELU = dict(type='LeakyReLU', negative_slope=0.2)

# PyTorch's convolutions, which take forms that cuDNN runs well on a GPU
# (efficient_conv_forms.py; PyTorch's own operations on a CPU), and the
# parity form of the 3D transposed one (the same parameters, faster on
# CPU for 1-3 output channels)
CONV_TYPES = {
    ('conv', 3): EfficientConv3d,
    ('deconv', 2): EfficientConvTranspose2d,
    ('deconv', 3): EfficientConvTranspose3d,
    ('parity_deconv', 3): ParityConvTranspose3d,
}


def conv_block(kind: str,
               dims: int,
               in_channels: int,
               out_channels: int,
               kernel_size: IntOrTriple,
               stride: IntOrTriple,
               padding: IntOrTriple,
               norm_cfg: Optional[dict] = None,
               act_cfg: Optional[dict] = None) -> ConvModule:
    """mmcv's ``ConvModule``: a (transposed) convolution, then an optional
    norm and activation (``conv``, ``bn``, ``activate``).

    The convolution has a bias only when no norm layer follows it and
    starts with PyTorch's default initialisation. The block keeps the
    weights its network's ``init_cfg`` gives it (DCGAN's in this package):
    it is marked initialised, so that a parent's ``init_weights`` does not
    re-run ConvModule's Kaiming initialisation afterwards.

    Args:
        kind (str): ``'conv'``, ``'deconv'`` (transposed convolution) or
            ``'parity_deconv'`` (3D only: the same transposed convolution
            computed over output parities, :class:`ParityConvTranspose3d`).
        dims (int): 2 or 3 spatial(-temporal) dimensions.
        norm_cfg (dict, optional): mmcv norm config, e.g.
            ``dict(type='BN3d')``.
        act_cfg (dict, optional): mmcv activation config.
    """
    # ConvModule's own (Kaiming) initialisation draws from the global
    # random generator on top of the convolution's default one: it runs on
    # a forked generator, and the default initialisation is drawn again, so
    # that a seed gives the networks the same weights as the plain
    # convolution did (runs of the same seed stay repeatable across
    # versions)
    with torch.random.fork_rng(devices=[]):
        block = ConvModule(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            padding,
            conv_cfg=dict(type=CONV_TYPES[(kind, dims)]),
            norm_cfg=norm_cfg,
            act_cfg=act_cfg)
    block.conv.reset_parameters()
    block.is_init = True
    return block


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
