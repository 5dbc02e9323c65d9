# "Adversarial": the sprite GAN's discriminator as is, no further training.
# Test with (no checkpoint argument):
#   python tools/test.py configs/segmentation/vosgan_seg_adversarial_sprites.py
_base_ = '_base_/sprites_demo.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
train_dataloader = None
train_cfg = None
optim_wrapper = None
