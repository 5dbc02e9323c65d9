# "Adversarial" with D's batch-norm statistics re-estimated on unlabelled
# real clips (the sprite benchmark's training videos; no mask read) before
# segmenting: D's own statistics mix real-only and fake-only batches.
# Otherwise vosgan_seg_adversarial_sprites.py.
_base_ = '_base_/sprites_demo.py'
model = dict(
    init_cfg=dict(
        type='StrictPretrained',
        checkpoint={{_base_._gan_checkpoint}},
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
                type='SpriteSegmentationDataset',
                num_clips=200,
                seed=1,
                split='train',
                pipeline=[dict(type='PackSegmentationInputs')])))
]
