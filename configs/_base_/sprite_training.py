# A GAN trained on the embedded sprite videos at the demo size: batch 8,
# 900 iterations (about 15 minutes on a 2-core CPU), monitors of G's
# samples and of the gradients into D. VOS-GAN's own is
# vosgan_sprite_training.py (the same plus D's segmentation curve).
_base_ = [
    'datasets/sprite_videos.py', 'schedules/gan_adam.py', 'default_runtime.py'
]
train_dataloader = dict(batch_size=8, dataset=dict(num_clips=1024))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=900)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = [
    dict(type='VideoSampleHook', interval=300, num_samples=8),
    # is the paper's claim coming true? diversity, motion and mask of G's
    # samples against real clips'; the gradient each loss term sends into
    # D's encoder
    dict(type='GeneratorStatisticsHook', interval=150, num_samples=16),
    dict(type='LossGradientNormHook', interval=150),
]
