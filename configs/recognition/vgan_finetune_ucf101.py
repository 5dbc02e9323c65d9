# Fine-tuning (paper Table 5): the golf-trained
# vgan discriminator trained further
# with a new last layer.
_base_ = ['../_base_/models/recognizer_vgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=False,
        init_cfg=dict(checkpoint='work_dirs/vgan_25e_golf/final.pth')))
