# Table 5's transfer setting (vosgan_transfer_ucf101.py) with MMAction2's
# I3DHead: the embedding average-pooled over (T, H, W) to 1024 values
# before the linear layer, the variant the plugin used before the
# flattened head (1/32 of the inputs).
_base_ = ['../_base_/models/recognizer_vosgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(
        frozen=True,
        init_cfg=dict(checkpoint='work_dirs/vosgan_golf/final.pth')),
    cls_head=dict(
        _delete_=True,
        type='I3DHead',
        num_classes=101,
        in_channels=1024,
        spatial_type='avg',
        dropout_ratio=0.0,
        init_std=0.01,
        average_clips='prob'))
