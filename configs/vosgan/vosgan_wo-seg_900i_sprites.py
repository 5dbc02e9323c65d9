# Ablation "w/o segm." at 900 iterations: D's segmentation term is off.
_base_ = '../_base_/vosgan_sprite_training.py'
model = dict(loss_weights=dict(seg=0.0))
