# Training on the embedded sprite videos at the demo budget: about ten
# minutes on a 2-core CPU (batch 8, 900 iterations).
_base_ = [
    'datasets/sprite_videos.py', 'schedules/gan_adam.py',
    'default_runtime.py'
]
train_dataloader = dict(batch_size=8, dataset=dict(num_clips=1024))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=900)
default_hooks = dict(
    logger=dict(interval=20),
    checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [dict(type='VideoSampleHook', interval=300, num_samples=8)]
