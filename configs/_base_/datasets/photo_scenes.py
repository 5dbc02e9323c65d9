# The photo-scene benchmark (vosgan_mm/datasets/photo_scenes.py): objects
# moving over real photographs with camera motion, a rippling band,
# illumination change, noise, compression, pauses and occlusion; exact
# masks, no download. Splits are seeds of their own, disjoint from the
# sprite benchmark's (docs/segmentation_protocol.md): train 10 (140
# clips), val 16 and test 17 (60 clips each). The scenario ('static',
# 'moving_camera', 'dynamic_background', 'pauses' or 'all') is set per
# loader, e.g. --cfg-options test_dataloader.dataset.scenario=static.
_pipeline = [dict(type='PackSegmentationInputs')]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='PhotoSceneSegmentationDataset',
        num_clips=140,
        seed=10,
        scenario='all',
        pipeline=_pipeline))
val_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='PhotoSceneSegmentationDataset',
        num_clips=60,
        seed=16,
        scenario='all',
        pipeline=_pipeline))
test_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='PhotoSceneSegmentationDataset',
        num_clips=60,
        seed=17,
        scenario='all',
        pipeline=_pipeline))
val_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
test_evaluator = dict(type='VideoSegmentationMetric', out_file=None)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
