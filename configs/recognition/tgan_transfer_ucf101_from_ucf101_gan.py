# Transfer learning (paper Table 5): the UCF101-fine-tuned
# (configs/tgan/tgan_golf-pretrained_50ki_ucf101.py) tgan
# discriminator frozen, a
# linear classifier trained on its features.
_base_ = ['../_base_/models/recognizer_tgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=True,
        init_cfg=dict(
            checkpoint='work_dirs/tgan_golf-pretrained_50ki_ucf101/'
            'iter_50000.pth')),
    cls_head=dict(dropout_ratio=0.0))
