# Fine-tuning (paper Table 5): the golf-trained
# vosgan discriminator trained further
# with a new last layer.
_base_ = ['../_base_/models/recognizer_vosgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=False,
        init_cfg=dict(checkpoint='work_dirs/vosgan_golf/final.pth')))
