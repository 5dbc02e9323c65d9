from .vosgan_discriminator import VOSGANDiscriminator, VOSGANEncoder

__all__ = ['VOSGANDiscriminator', 'VOSGANEncoder']
