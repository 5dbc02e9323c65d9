# MMAction2's C3D recipe for UCF101 over the frozen VOS-GAN discriminator,
# on this package's UCF101 clips (32 frames of 64x64). The recipe's values
# are those of MMAction2 1.1.0's
# configs/recognition/c3d/c3d_sports1m-pretrained_8xb30-16x1x1-45e_ucf101-rgb.py:
# SGD with lr 1e-3, momentum 0.9 and weight decay 5e-4, the gradient norm
# clipped at 40, 45 epochs with the rate divided by 10 at epochs 20 and 40,
# validation every 5 epochs, and C3D's head (I3DHead). They are written
# here, not inherited with `_base_ = 'mmaction::...'`: MMEngine 0.10.7
# cannot read MMAction2 1.1.0's model index (one model lists several
# configs), so no stock tool could read such a config.
_base_ = ['../_base_/models/recognizer_vosgan.py', '_base_/ucf101_runtime.py']
model = dict(
    backbone=dict(frozen=True),
    # C3D's head takes flat fc features; ours are pooled over (T, H, W)
    cls_head=dict(
        _delete_=True,
        type='I3DHead',
        num_classes=101,
        in_channels=1024,
        spatial_type='avg',
        dropout_ratio=0.0,
        init_std=0.01,
        average_clips='prob'))
optim_wrapper = dict(
    optimizer=dict(
        _delete_=True, type='SGD', lr=0.001, momentum=0.9,
        weight_decay=0.0005),
    clip_grad=dict(max_norm=40, norm_type=2))
param_scheduler = [
    dict(
        type='MultiStepLR',
        begin=0,
        end=45,
        by_epoch=True,
        milestones=[20, 40],
        gamma=0.1)
]
train_cfg = dict(max_epochs=45, val_begin=1, val_interval=5)
