# Ablation "w/o segm." at the demo budget.
_base_ = 'vosgan_demo.py'
model = dict(loss_weights=dict(seg=0.0))
