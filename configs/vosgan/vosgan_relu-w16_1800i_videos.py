# The 1,800-iteration sprite recipe (vosgan_relu_1800i_sprites.py: quarter
# width, batch 8, ReLU in G) on your own video files (data/videos): a quick
# look at what the method makes of a scene, not the paper's setting
# (vosgan_25e_videos.py). What it made of OpenCV's vtest.avi:
# configs/vosgan/README.md. Segment a video with its discriminator:
#   python tools/segment_video.py VIDEO \
#       configs/segmentation/vosgan_seg_adversarial_videos.py \
#       work_dirs/vosgan_relu-w16_1800i_videos/iter_1800.pth \
#       --prefix discriminator. --cfg-options model.base_channels=16
_base_ = '../_base_/vosgan_video_training.py'
model = dict(
    generator=dict(base_channels=16, act_cfg=dict(type='ReLU')),
    discriminator=dict(base_channels=16))
# InfiniteSampler: with a folder of a few clips (12 clips are one or two
# batches) the default sampler ends its epoch every iteration or two and
# the loader stops prefetching at each end
train_dataloader = dict(
    batch_size=8, sampler=dict(type='InfiniteSampler', shuffle=True))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=1800)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [
    dict(type='VideoSampleHook', interval=300, num_samples=8),
    dict(type='GeneratorStatisticsHook', interval=150, num_samples=16),
    dict(type='BadClipReportHook'),
]
