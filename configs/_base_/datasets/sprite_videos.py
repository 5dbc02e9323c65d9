# The embedded default data: procedural sprite videos, made on the fly.
train_pipeline = [
    dict(type='ComputeFlowTarget', flow=dict(type='FarnebackFlow')),
    dict(type='PackVideoGANInputs'),
]
# for models that use no flow target (VGAN, TGAN, VOS-GAN w/o OF)
_train_pipeline_without_flow = [dict(type='PackVideoGANInputs')]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='SpriteVideoDataset',
        num_clips=2048,
        seed=0,
        pipeline=train_pipeline))
