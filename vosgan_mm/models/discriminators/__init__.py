from .conv3d_video_discriminator import (Conv3dVideoDiscriminator,
                                         Conv3dVideoEncoder)
from .vosgan_discriminator import (VOSGANDiscriminator, VOSGANEncoder,
                                   VOSGANMotionStream)

__all__ = [
    'Conv3dVideoDiscriminator', 'Conv3dVideoEncoder', 'VOSGANDiscriminator',
    'VOSGANEncoder', 'VOSGANMotionStream'
]
