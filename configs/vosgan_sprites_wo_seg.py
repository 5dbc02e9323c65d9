# Ablation "w/o segm." at the main command's budget (configs/vosgan_sprites.py:
# ReLU in G, 1,800 iterations): D's segmentation term is off.
_base_ = 'vosgan_sprites.py'
model = dict(loss_weights=dict(seg=0.0))
