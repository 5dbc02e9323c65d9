# The embedded sprite videos with their ground-truth masks: a segmentation
# benchmark that needs no download. Splits are disjoint, each drawn from
# its own seed (docs/segmentation_protocol.md): train, the 140 training
# videos of seed 1's 200 (70/30 by video); val, 60 videos of seed 6 (every
# choice of settings is made here); test, 60 videos of seed 7 (scored once
# per final config). Seed 0 is the GAN's training data, seed 2 the
# generation metrics' clips, seed 5 the training-time curve's.
# `tools/test.py CONFIG --split val` scores the val split.
_sprite_seg = dict(type='SpriteSegmentationDataset', num_clips=200, seed=1)
_sprite_val = dict(
    type='SpriteSegmentationDataset', num_clips=60, seed=6, split='all')
_sprite_test = dict(
    type='SpriteSegmentationDataset', num_clips=60, seed=7, split='all')
_pipeline = [dict(type='PackSegmentationInputs')]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**_sprite_seg, split='train', pipeline=_pipeline))
_scored_loader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False))
val_dataloader = dict(
    **_scored_loader, dataset=dict(**_sprite_val, pipeline=_pipeline))
test_dataloader = dict(
    **_scored_loader, dataset=dict(**_sprite_test, pipeline=_pipeline))
val_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
test_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
