# The photo-scene benchmark (vosgan_mm/datasets/photo_scenes.py): objects
# moving over real photographs with camera motion, a rippling band,
# illumination change, noise, compression, pauses and occlusion; exact
# masks, no download. Splits are seeds of their own, disjoint from the
# sprite benchmark's (docs/segmentation_protocol.md): train 10 (140
# clips), val 16 and test 17 (60 clips each). The scenario ('static',
# 'moving_camera', 'dynamic_background', 'pauses' or 'all') is set per
# loader, e.g. --cfg-options test_dataloader.dataset.scenario=static.
_pipeline = [dict(type='PackSegmentationInputs')]
_photo_scenes = dict(
    type='PhotoSceneSegmentationDataset', scenario='all', pipeline=_pipeline)
_scored_loader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False))
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(**_photo_scenes, num_clips=140, seed=10))
val_dataloader = dict(
    **_scored_loader, dataset=dict(**_photo_scenes, num_clips=60, seed=16))
test_dataloader = dict(
    **_scored_loader, dataset=dict(**_photo_scenes, num_clips=60, seed=17))
val_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
test_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
