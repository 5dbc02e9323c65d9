# "Adversarial" on the photo-scene benchmark: the discriminator of the main
# recipe trained on photo-scene clips
# (configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py) as is, no label,
# at the setting chosen on the val split over 3 GAN seeds: checkpoint 2,100
# and a per-frame Otsu threshold on D's map (checkpoint 1,800 / 2,100 /
# 2,400 x threshold 0.5 / Otsu;
# results/segmentation/photo_scenes/val_levers_adversarial_seed*.json,
# docs/segmentation_protocol.md). Shared by the plain config and its
# batch-norm-recalibrated form.
_base_ = [
    '../../_base_/models/vosgan_segmenter.py',
    '../../_base_/datasets/photo_scenes.py', '../../_base_/default_runtime.py'
]
_gan_checkpoint = \
    'work_dirs/vosgan_relu-reuse_2400i_photo-scenes/iter_2100.pth'
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
val_evaluator = dict(threshold='otsu')
test_evaluator = dict(threshold='otsu')
