# The embedded default data: procedural sprite videos, made on the fly, for
# training (seed 0) and for the generation metrics (seed 2).
train_pipeline = [
    dict(type='ComputeFlowTarget'),
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

# generation metrics (tools/test.py CONFIG CHECKPOINT): one generated video
# per real test clip. IS and FCD use the in-domain sprite classifier
# shipped with the package (how many discs and squares a frame shows;
# tools/train_frame_classifier.py, held-out accuracy in
# results/generation/sprite_frame_classifier.json): their values are not
# comparable to Inception's. FCD compares its pooled features: its class
# scores (5) would measure a change of class, not of content.
_gen_classifier = dict(type='SpriteFrameClassifier')
# FCD's boxes come from one segmenter for every row of Table 4 (models,
# ablations, real videos): the paper's "discriminator's segmentation
# output". Without a trained VOS-GAN discriminator, the flow baseline; with
# one, set the FCD entry's segmenter (in a config that inherits this one:
# test_evaluator's second entry) to dict(type='VOSGANSegmenter',
# base_channels=..., init_cfg=dict(type='StrictPretrained',
# prefix='discriminator.', checkpoint='work_dirs/vosgan_golf/iter_N.pth')).
_fcd_segmenter = dict(type='FlowMagnitudeSegmenter')
test_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='SpriteVideoDataset',
        num_clips=256,
        seed=2,
        pipeline=[
            dict(
                type='PackVideoGANInputs',
                meta_keys=('clip_id', 'sample_idx', 'gt_masks'))
        ]))
test_evaluator = [
    dict(type='InceptionScore', classifier=_gen_classifier),
    dict(
        type='ForegroundContentDistance',
        classifier=_gen_classifier,
        features='pool',
        segmenter=_fcd_segmenter),
    dict(type='MotionCoherence'),
    # Frechet distance of the classifier's pooled features, 4 frames of
    # each generated video against 4 of each real clip
    dict(
        type='FrechetInceptionDistance',
        classifier=_gen_classifier,
        frames_per_video=4),
]
test_cfg = dict(type='TestLoop')
