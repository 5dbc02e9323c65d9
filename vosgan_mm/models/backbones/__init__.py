from .discriminator_backbone import (Conv3dDiscriminatorBackbone,
                                     DiscriminatorBackbone, VOSGANBackbone)

__all__ = [
    'Conv3dDiscriminatorBackbone', 'DiscriminatorBackbone', 'VOSGANBackbone'
]
