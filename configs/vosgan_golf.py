# VOS-GAN on VGAN's golf course videos, with the paper's settings.
_base_ = [
    '_base_/models/vosgan.py', '_base_/datasets/golf.py',
    '_base_/schedules/gan_adam_25e.py', '_base_/default_runtime.py'
]
