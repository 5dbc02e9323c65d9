from .gan_losses import (adversarial_loss, flow_loss, mask_binarization_loss,
                         mask_sparsity_loss, segmentation_loss)

__all__ = [
    'adversarial_loss', 'segmentation_loss', 'flow_loss', 'mask_sparsity_loss',
    'mask_binarization_loss'
]
