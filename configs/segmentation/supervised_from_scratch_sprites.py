# The fine-tuned scenarios' segmenter with no GAN behind it: the same
# network (the discriminator's shared encoder and motion stream at the
# sprite GANs' width), randomly initialised, trained on the same labelled
# training clips for the same 300 iterations of batch 16. Uses labels; its
# gap to vosgan_seg_ft_adversarial_sprites.py is what the GAN's training
# adds to the fine-tuned rows.
_base_ = '_base_/sprites_demo.py'
# no GAN behind it
_gan_config = None
_gan_checkpoint = None
