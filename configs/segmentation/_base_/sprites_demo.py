# The four segmentation scenarios on the embedded sprite benchmark: the
# segmenter has the width of the sprite GANs (configs/vosgan/*_sprites.py)
# and trains for 300 iterations of batch 16. The GAN is the README's main
# command's (configs/vosgan/vosgan_relu-reuse_2400i_sprites.py); for
# another one set both train_dataloader.dataset.gan_config (the synthetic
# scenario builds its generator from it: vosgan_900i_sprites.py has
# LeakyReLU, vosgan_relu-reuse_2400i_sprites.py ReLU) and the checkpoint.
_base_ = [
    '../../_base_/models/vosgan_segmenter.py',
    '../../_base_/datasets/sprite_segmentation.py',
    '../../_base_/schedules/segmentation_adam_100e.py',
    '../../_base_/default_runtime.py'
]
_gan_config = 'configs/vosgan/vosgan_relu-reuse_2400i_sprites.py'
_gan_checkpoint = 'work_dirs/vosgan_relu-reuse_2400i_sprites/iter_2400.pth'
model = dict(base_channels=16)
train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=300)
default_hooks = dict(
    logger=dict(interval=20), checkpoint=dict(by_epoch=False, interval=300))
log_processor = dict(by_epoch=False)
custom_hooks = []
