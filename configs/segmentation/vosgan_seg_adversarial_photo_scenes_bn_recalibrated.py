# "Adversarial" on the photo-scene benchmark with D's batch-norm statistics
# re-estimated on unlabelled real clips before segmenting (the lever the
# sprite benchmark measured in vosgan_seg_adversarial_sprites_bn_recalibrated
# .py): the 140 clips of the photo-scene train split (seed 10, every factor
# on), videos only, no mask read. Measured on val over GAN seeds 1-4 and not
# adopted (docs/segmentation_protocol.md). Otherwise as
# vosgan_seg_adversarial_photo_scenes.py: its checkpoint 2,100 and per-frame
# Otsu threshold.
_base_ = '_base_/photo_scenes_adversarial.py'
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
