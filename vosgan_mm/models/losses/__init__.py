from .gan_losses import adversarial_loss, flow_loss, segmentation_loss

__all__ = ['adversarial_loss', 'segmentation_loss', 'flow_loss']
