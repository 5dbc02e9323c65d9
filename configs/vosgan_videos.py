# VOS-GAN on your own video files (data/videos, see README).
_base_ = [
    '_base_/models/vosgan.py', '_base_/datasets/video_folder.py',
    '_base_/schedules/gan_adam_25e.py', '_base_/default_runtime.py'
]
