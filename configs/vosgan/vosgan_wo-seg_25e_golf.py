# Ablation "w/o segm." (paper Table 4): no segmentation term in Eq. 2.
_base_ = ['../_base_/models/vosgan.py', '../_base_/golf_training.py']
model = dict(loss_weights=dict(seg=0.0))
