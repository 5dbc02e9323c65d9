# VOS-GAN as in the paper on the embedded sprite videos: no download, about
# 15 minutes on a 2-core CPU; networks at a quarter of the width, batch 8.
_base_ = '../_base_/vosgan_sprite_training.py'
