# Fine-tuning (paper Table 5): the UCF101-fine-tuned
# (configs/vgan/vgan_golf-pretrained_50ki_ucf101.py) vgan
# discriminator trained further
# with a new last layer.
_base_ = ['../_base_/models/recognizer_vgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=False,
        init_cfg=dict(
            checkpoint='work_dirs/vgan_golf-pretrained_50ki_ucf101/'
            'iter_50000.pth')))
