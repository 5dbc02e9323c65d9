# The embedded recipe (configs/vosgan_sprites.py) on your own video files
# (data/videos): networks at a quarter of the paper's width, batch 8,
# 1,800 iterations, ReLU in the generator. A quick look at what the method
# makes of a scene, not the paper's setting (configs/vosgan_videos.py:
# full width, 25 epochs). On OpenCV's vtest.avi (one scene, 12 clips of
# 64 frames) its generator collapses within 150 iterations and D calls
# every pixel foreground (docs/experiments/, real
# footage). Segment a video with its discriminator:
#   python tools/segment_video.py VIDEO \
#       configs/segmentation/vosgan_seg_adversarial_videos.py \
#       work_dirs/vosgan_videos_small/iter_1800.pth --prefix discriminator. \
#       --cfg-options model.base_channels=16
_base_ = ['vosgan_videos.py']
model = dict(
    generator=dict(base_channels=16, act_cfg=dict(type='ReLU')),
    discriminator=dict(base_channels=16))
# InfiniteSampler: with a folder of a few clips (12 clips are one or two
# batches) the default sampler ends its epoch every iteration or two and
# the loader stops prefetching at each end
train_dataloader = dict(
    batch_size=8, sampler=dict(type='InfiniteSampler', shuffle=True))
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=1800)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [
    dict(type='VideoSampleHook', interval=300, num_samples=8),
    dict(type='GeneratorStatisticsHook', interval=150, num_samples=16),
    dict(type='BadClipReportHook'),
]
