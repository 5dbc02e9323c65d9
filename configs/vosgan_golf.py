# VOS-GAN on VGAN's golf course videos, with the paper's settings.
_base_ = ['_base_/models/vosgan.py', '_base_/golf_training.py']
