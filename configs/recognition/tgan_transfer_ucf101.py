# Transfer learning (paper Table 5): the golf-trained
# tgan discriminator frozen, a
# linear classifier trained on its features.
_base_ = ['../_base_/models/recognizer_tgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=True,
        init_cfg=dict(checkpoint='work_dirs/tgan_25e_golf/final.pth')),
    cls_head=dict(dropout_ratio=0.0))
