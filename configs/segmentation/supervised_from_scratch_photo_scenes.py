# The fine-tuned scenarios' segmenter with no GAN behind it, on the
# photo-scene benchmark: the same network, randomly initialised, trained on
# the masks of the same train split (seed 10, every factor on) for the same
# 300 iterations of batch 16. Uses labels; its gap to
# vosgan_seg_ft_adversarial_photo_scenes.py is what the GAN's training adds.
_base_ = '_base_/photo_scenes_gan.py'
# no GAN behind it
_gan_config = None
_gan_checkpoint = None
