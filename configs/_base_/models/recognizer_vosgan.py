# MMAction2's Recognizer3D over the vosgan discriminator (its layers up to the
# real/fake output), initialised from a GAN checkpoint by prefix.
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='VOSGANBackbone',
        base_channels=64,
        frozen=False,
        init_cfg=dict(
            type='StrictPretrained',
            checkpoint='work_dirs/vosgan_golf/final.pth',
            prefix='discriminator.')),
    # the paper's linear classifier on the whole embedding (1024 x 2 x 4 x
    # 4 = 32,768 values); the pooled variant:
    # configs/recognition/vosgan_transfer_ucf101_pooled_head.py
    cls_head=dict(
        type='FlattenedLinearHead',
        num_classes=101,
        in_channels=1024,
        feature_size=(2, 4, 4),
        dropout_ratio=0.5,
        init_std=0.01,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[127.5, 127.5, 127.5],
        std=[127.5, 127.5, 127.5],
        format_shape='NCTHW'))
