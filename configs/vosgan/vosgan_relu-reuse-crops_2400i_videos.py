# The main sprite recipe (vosgan_relu-reuse_2400i_sprites.py: quarter width,
# batch 8, ReLU in G, parity heads, fakes reused for D's segmentation, 2,400
# iterations) on your own video files (data/videos), for a static camera,
# with random crops and flips of the real clips: one scene cut into a dozen
# clips is too few for D (the recipe without them collapsed the generator
# on vtest.avi by iteration 150: docs/real_footage.md). Segment a video
# with its discriminator:
#   python tools/segment_video.py VIDEO \
#       configs/segmentation/vosgan_seg_adversarial_videos.py \
#       work_dirs/vosgan_relu-reuse-crops_2400i_videos/iter_2400.pth \
#       --prefix discriminator. --cfg-options model.base_channels=16
_base_ = '../_base_/vosgan_video_training.py'
model = dict(
    generator=dict(
        base_channels=16, act_cfg=dict(type='ReLU'), parity_heads=True),
    discriminator=dict(base_channels=16, parity_head=True),
    reuse_fakes=True)
# each clip a random crop of 30-100 % of the frame's area, resized to 64x64
# and flipped left-right half the time (MMAction2's transforms), before the
# flow target is computed
train_pipeline = [
    dict(type='OpenCVInit'),
    dict(type='CheckVideoLength', min_frames=16),
    dict(
        type='SampleFrames',
        clip_len=32,
        frame_interval=1,
        num_clips=1,
        out_of_bound_opt='repeat_last'),
    dict(type='OpenCVDecode'),
    dict(type='RandomResizedCrop', area_range=(0.3, 1.0)),
    dict(type='Resize', scale=(64, 64), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='ComputeFlowTarget'),
    dict(type='PackVideoGANInputs'),
]
# InfiniteSampler: a folder of a few clips is one or two batches, and the
# default sampler would end its epoch every iteration or two
train_dataloader = dict(
    batch_size=8,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(pipeline=train_pipeline))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=2400)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [
    dict(type='VideoSampleHook', interval=300, num_samples=8),
    dict(type='GeneratorStatisticsHook', interval=150, num_samples=16),
    dict(type='BadClipReportHook'),
]
