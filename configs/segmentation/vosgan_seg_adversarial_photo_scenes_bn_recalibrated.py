# "Adversarial" on the photo-scene benchmark with D's batch-norm statistics
# re-estimated on unlabelled real clips before segmenting (the lever the
# sprite benchmark measured in vosgan_seg_adversarial_sprites_bn_recalibrated
# .py): the 140 clips of the photo-scene train split (seed 10, every factor
# on), videos only, no mask read. Measured on val over GAN seeds 1-4 and not
# adopted (docs/segmentation_protocol.md). Otherwise as
# vosgan_seg_adversarial_photo_scenes.py: its checkpoint 2,100 and per-frame
# Otsu threshold.
_base_ = [
    '../_base_/models/vosgan_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
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
custom_hooks = [
    dict(
        type='BatchNormRecalibrationHook',
        dataloader=dict(
            batch_size=8,
            num_workers=2,
            sampler=dict(type='DefaultSampler', shuffle=False),
            dataset=dict(
                type='PhotoSceneSegmentationDataset',
                scenario='all',
                num_clips=140,
                seed=10,
                pipeline=[dict(type='PackSegmentationInputs')])))
]
val_evaluator = dict(threshold='otsu')
test_evaluator = dict(threshold='otsu')
