from .vosgan_discriminator import (VOSGANDiscriminator, VOSGANEncoder,
                                   VOSGANMotionStream)

__all__ = ['VOSGANDiscriminator', 'VOSGANEncoder', 'VOSGANMotionStream']
