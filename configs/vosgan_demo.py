# VOS-GAN on the embedded sprite videos: no download, about ten minutes on a
# 2-core CPU. Same architecture as the paper at a quarter of the width.
_base_ = ['_base_/models/vosgan.py', '_base_/demo_training.py']
model = dict(
    generator=dict(base_channels=16), discriminator=dict(base_channels=16))
