# "Fine-tuned adversarial" on DAVIS-2016 (its official val set): the golf
# GAN's discriminator trained further on the training videos' masks.
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/davis2016.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
