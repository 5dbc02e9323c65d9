# "Adversarial" on the photo-scene benchmark: the discriminator of the main
# recipe trained on photo-scene clips
# (configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py) as is, no label.
# Test with (no checkpoint argument):
#   python tools/test.py configs/segmentation/vosgan_seg_adversarial_photo_scenes.py
_base_ = [
    '../_base_/models/vosgan_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
_gan_checkpoint = \
    'work_dirs/vosgan_relu-reuse_2400i_photo-scenes/iter_2400.pth'
model = dict(
    base_channels=16,
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint=_gan_checkpoint,
        prefix='discriminator.'))
train_dataloader = None
train_cfg = None
optim_wrapper = None
custom_hooks = []
