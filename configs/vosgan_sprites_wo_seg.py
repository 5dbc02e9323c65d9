# Ablation "w/o segm." at the budget of the README's ablation table
# (configs/vosgan_sprites_1800.py: ReLU in G, 1,800 iterations): D's
# segmentation term is off.
_base_ = 'vosgan_sprites_1800.py'
model = dict(loss_weights=dict(seg=0.0))
