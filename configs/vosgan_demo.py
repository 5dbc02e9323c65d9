# VOS-GAN on the embedded sprite videos: no download, about ten minutes on a
# 2-core CPU. Same architecture as the paper at a quarter of the width.
_base_ = [
    '_base_/models/vosgan.py', '_base_/datasets/sprite_videos.py',
    '_base_/schedules/gan_adam.py', '_base_/default_runtime.py'
]
model = dict(
    generator=dict(base_channels=16), discriminator=dict(base_channels=16))
train_dataloader = dict(batch_size=8, dataset=dict(num_clips=1024))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=900)
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [dict(type='VideoSampleHook', interval=300, num_samples=8)]
