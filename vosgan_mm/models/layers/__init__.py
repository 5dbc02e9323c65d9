from .conv_block import DCGAN_INIT_CFG, LRELU, conv_block
from .efficient_conv_forms import (EfficientConv3d, EfficientConvTranspose2d,
                                   EfficientConvTranspose3d)
from .parity_conv_transpose import (ParityConvTranspose3d,
                                    parity_conv_transpose3d)

__all__ = [
    'DCGAN_INIT_CFG', 'EfficientConv3d', 'EfficientConvTranspose2d',
    'EfficientConvTranspose3d', 'LRELU', 'ParityConvTranspose3d', 'conv_block',
    'parity_conv_transpose3d'
]
