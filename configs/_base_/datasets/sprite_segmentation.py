# The embedded sprite videos with their ground-truth masks: a segmentation
# benchmark that needs no download (200 clips, 70/30 split by video).
_sprite_seg = dict(type='SpriteSegmentationDataset', num_clips=200, seed=1)
_pipeline = [dict(type='PackSegmentationInputs')]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**_sprite_seg, split='train', pipeline=_pipeline))
test_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(**_sprite_seg, split='val', pipeline=_pipeline))
test_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
test_cfg = dict(type='TestLoop')
