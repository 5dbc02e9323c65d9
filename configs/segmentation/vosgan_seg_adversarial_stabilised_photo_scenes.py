# "Adversarial" on the photo-scene benchmark for a discriminator trained on
# stabilised clips
# (configs/vosgan/vosgan_relu-reuse-stabilised_2400i_photo-scenes.py): the
# val and test clips are stabilised the same way (StabiliseClip) before
# it segments them, and their masks move with them, so the scores are in
# each clip's middle-frame coordinates. No label.
_base_ = [
    '../_base_/models/vosgan_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
_gan_checkpoint = \
    'work_dirs/vosgan_relu-reuse-stabilised_2400i_photo-scenes/iter_2400.pth'
# stabilised as the GAN's training clips were
# (configs/_base_/photo_scene_gan_data.py)
_stabilised = [
    dict(type='StabiliseClip', ransac_max_iters=500),
    dict(type='PackSegmentationInputs')
]
model = dict(
    base_channels=16,
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint=_gan_checkpoint,
        prefix='discriminator.'))
val_dataloader = dict(dataset=dict(pipeline=_stabilised))
test_dataloader = dict(dataset=dict(pipeline=_stabilised))
train_dataloader = None
train_cfg = None
optim_wrapper = None
custom_hooks = []
