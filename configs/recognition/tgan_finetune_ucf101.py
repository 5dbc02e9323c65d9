# Fine-tuning (paper Table 5): the golf-trained
# tgan discriminator trained further
# with a new last layer.
_base_ = ['../_base_/models/recognizer_tgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=False,
        init_cfg=dict(checkpoint='work_dirs/tgan_25e_golf/final.pth')))
