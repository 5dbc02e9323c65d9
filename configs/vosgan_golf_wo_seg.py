# Ablation "w/o segm." (paper Table 4): no segmentation term in Eq. 2.
_base_ = 'vosgan_golf.py'
model = dict(loss_weights=dict(seg=0.0))
