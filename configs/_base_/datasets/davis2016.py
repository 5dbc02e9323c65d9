# DAVIS-2016 as released (data/DAVIS: JPEGImages/480p, Annotations/480p,
# ImageSets); 32-frame shots at 64x64, ground truth scored at full size.
data_root = 'data/DAVIS'
train_pipeline = [
    dict(type='LoadShotFrames', size=(64, 64)),
    dict(type='LoadShotMasks', size=(64, 64)),
    dict(type='PackSegmentationInputs'),
]
test_pipeline = train_pipeline
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='DAVIS2016Dataset',
        data_root=data_root,
        split='train',
        pipeline=train_pipeline))
test_dataloader = dict(
    batch_size=4,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='DAVIS2016Dataset',
        data_root=data_root,
        split='val',
        pipeline=test_pipeline))
# DAVIS's official evaluation leaves each sequence's first frame (the one
# given to semi-supervised methods) and last frame out of J and F: so do
# the numbers reported here
test_evaluator = dict(
    type='VideoSegmentationMetric', skip_first_last=True, out_file=None)
test_cfg = dict(type='TestLoop')
