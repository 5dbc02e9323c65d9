# "Fine-tuned adversarial" on F4K-Fish (the published 70/30 split): the golf
# GAN's discriminator trained further on the training videos' masks.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/f4k_fish.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
