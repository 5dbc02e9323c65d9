# VOS-GAN on your own video files (data/videos, see README), 25 epochs.
_base_ = [
    '_base_/models/vosgan.py', '_base_/datasets/video_folder.py',
    '_base_/schedules/gan_adam.py', '_base_/default_runtime.py'
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=25)
