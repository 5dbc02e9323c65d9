# "Fine-tuned adversarial": the demo GAN's discriminator trained further on
# the ground-truth masks of the benchmark's training videos.
_base_ = '_base_/sprites_demo.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
        prefix='discriminator.'))
