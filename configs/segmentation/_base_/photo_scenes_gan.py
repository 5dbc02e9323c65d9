# The segmenter of the VOS-GAN scenarios on the photo-scene benchmark: the
# discriminator's shared encoder and motion stream at the GAN's width, 300
# iterations of batch 16 where a scenario trains (as on the sprites), the
# benchmark's splits (train seed 10, val 16, test 17; scenario 'all' unless
# --cfg-options *_dataloader.dataset.scenario=... says otherwise), and the
# GAN of configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py.
_base_ = [
    '../../_base_/models/vosgan_segmenter.py',
    '../../_base_/datasets/photo_scenes.py',
    '../../_base_/schedules/segmentation_adam_100e.py',
    '../../_base_/default_runtime.py'
]
_gan_config = 'configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py'
_gan_checkpoint = \
    'work_dirs/vosgan_relu-reuse_2400i_photo-scenes/iter_2400.pth'
model = dict(base_channels=16)
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=300)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = []
