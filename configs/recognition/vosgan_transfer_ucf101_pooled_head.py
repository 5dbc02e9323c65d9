# Table 5's transfer setting with MMAction2's I3DHead: the embedding
# average-pooled over (T, H, W) to 1024 values before the linear layer, the
# variant the plugin used before the flattened head (1/32 of the inputs).
_base_ = ['vosgan_transfer_ucf101.py']
model = dict(
    cls_head=dict(
        _delete_=True,
        type='I3DHead',
        num_classes=101,
        in_channels=1024,
        spatial_type='avg',
        dropout_ratio=0.0,
        init_std=0.01,
        average_clips='prob'))
