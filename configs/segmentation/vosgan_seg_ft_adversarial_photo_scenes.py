# "Fine-tuned adversarial" on the photo-scene benchmark: the photo-scene
# GAN's discriminator trained further on the masks of the benchmark's train
# split (seed 10, 140 clips, every factor on). Uses labels.
_base_ = '_base_/photo_scenes_gan.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
