# Transfer learning (paper Table 5): the golf-trained
# vgan discriminator frozen, a
# linear classifier trained on its features.
_base_ = ['../_base_/models/recognizer_vgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=True,
        init_cfg=dict(checkpoint='work_dirs/vgan_25e_golf/final.pth')),
    cls_head=dict(dropout_ratio=0.0))
