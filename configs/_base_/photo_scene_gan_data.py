# The photo-scene benchmark as a GAN's data, for the recipes
# configs/vosgan/*_photo-scenes.py (which also inherit
# vosgan_sprite_training.py): the clips the GAN trains on, its monitors
# and its generation metrics. Only variables, so that a recipe picks
# what it uses.

# training clips under every factor (moving camera, rippling band,
# illumination, noise, compression, pauses, occlusion): seed 10, the
# benchmark's training seed, never its val (16) or test (17) clips
_photo_scene_clips = dict(
    _delete_=True,
    type='PhotoSceneSegmentationDataset',
    num_clips=2048,
    seed=10,
    scenario='all')
_photo_scene_train_dataset = dict(
    _photo_scene_clips,
    pipeline=[dict(type='ComputeFlowTarget'),
              dict(type='PackVideoGANInputs')])
# the same clips with the camera's motion removed before anything else
# (StabiliseClip), as VGAN's golf videos were stabilised. RANSAC capped at
# 500 iterations a fit, chosen on the val clips (seed 16, 'all'): within
# 3 % of OpenCV's 2,000 in mean error against the true camera, at about
# 40 % of its cost (results/stabilisation/photo_scenes_val_all.json,
# tools/analysis_tools/stabilisation_error.py)
_photo_scene_stabilised_train_dataset = dict(
    _photo_scene_clips,
    pipeline=[
        dict(type='StabiliseClip', ransac_max_iters=500),
        dict(type='ComputeFlowTarget'),
        dict(type='PackVideoGANInputs')
    ])
# the stabilised clips read from a clip store written once (how: see
# configs/vosgan/vosgan_relu-reuse-stabilised-clip-store_2400i_photo-scenes.py)
_photo_scene_stabilised_store_train_dataset = dict(
    _delete_=True,
    type='ClipStoreDataset',
    data_root='data/photo_scenes',
    store_root='stabilised_train',
    pipeline=[dict(type='ComputeFlowTarget'),
              dict(type='PackVideoGANInputs')])
_photo_scene_hooks = [
    dict(type='VideoSampleHook', interval=300, num_samples=8),
    dict(type='GeneratorStatisticsHook', interval=150, num_samples=16),
    dict(type='LossGradientNormHook', interval=150),
    # the training-time curve on 32 photo-scene clips of a seed of their
    # own (18), against the flow baseline
    dict(
        type='SegmentationValidationHook',
        interval=150,
        dataset=dict(
            type='PhotoSceneSegmentationDataset',
            num_clips=32,
            seed=18,
            scenario='all'),
        reference=dict(type='FlowMagnitudeSegmenter')),
]
# generation metrics (tools/test.py CONFIG CHECKPOINT; Table 4's layout with
# tools/analysis_tools/generation_table.py): one generated video per real
# clip of seed 12 under every factor (the table's real-videos row reads seed
# 13), IS, FCD and FID with the photo-scene classifier shipped with the
# package (which photograph a frame or its foreground box is made of;
# tools/train_frame_classifier.py --benchmark photo_scenes, held-out
# accuracy in results/generation/photo_scene_frame_classifier.json)
_photo_scene_test_dataset = dict(
    _delete_=True,
    type='PhotoSceneSegmentationDataset',
    num_clips=256,
    seed=12,
    scenario='all',
    pipeline=[
        dict(type='PackVideoGANInputs', meta_keys=('sample_idx', 'gt_masks'))
    ])
_photo_scene_classifier = dict(type='PhotoSceneFrameClassifier')
_photo_scene_test_evaluator = [
    dict(type='InceptionScore', classifier=_photo_scene_classifier),
    dict(
        type='ForegroundContentDistance',
        classifier=_photo_scene_classifier,
        features='pool',
        segmenter=dict(type='FlowMagnitudeSegmenter')),
    dict(type='MotionCoherence'),
    dict(
        type='FrechetInceptionDistance',
        classifier=_photo_scene_classifier,
        frames_per_video=4),
]
