# "Adversarial" on DAVIS-2016 (its official val set): the golf
# GAN's discriminator as is. Test with tools/test.py (no checkpoint).
_base_ = ['_base_/golf_gan.py', '../_base_/datasets/davis2016.py']
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
train_dataloader = None
train_cfg = None
optim_wrapper = None
