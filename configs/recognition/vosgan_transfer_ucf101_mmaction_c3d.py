# MMAction2's own C3D UCF101 config with the VOS-GAN discriminator swapped
# in as the backbone (frozen, linear classifier); clips changed to the
# discriminator's 32 frames of 64x64. Needs setuptools<81 (mmaction::).
_base_ = 'mmaction::recognition/c3d/c3d_sports1m-pretrained_8xb30-16x1x1-45e_ucf101-rgb.py'  # noqa: E501
custom_imports = dict(imports=['vosgan_mm'], allow_failed_imports=False)
# strict, weights-only checkpoint loading and the config check
runner_type = 'vosgan_mm.VOSGANRunner'
model = dict(
    backbone=dict(
        _delete_=True,
        type='vosgan_mm.VOSGANBackbone',
        frozen=True,
        # vosgan_mm's strict Pretrained: under the mmaction scope the plain
        # name is MMEngine's, which leaves unmatched weights random
        init_cfg=dict(
            type='vosgan_mm.StrictPretrained',
            checkpoint='work_dirs/vosgan_golf/final.pth',
            prefix='discriminator.')),
    # C3D's head takes flat fc features; ours are pooled over (T, H, W)
    cls_head=dict(in_channels=1024, spatial_type='avg', dropout_ratio=0.0),
    data_preprocessor=dict(
        mean=[127.5, 127.5, 127.5], std=[127.5, 127.5, 127.5]))
_clip = dict(type='SampleFrames', clip_len=32, frame_interval=1, num_clips=1)
# refuses a truncated video (see configs/_base_/datasets/ucf101_recognition.py)
_check = dict(type='vosgan_mm.CheckVideoLength', min_frames=16)
train_pipeline = [
    dict(type='OpenCVInit'), _check, _clip,
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='RandomCrop', size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='OpenCVInit'), _check,
    dict(_clip, test_mode=True),
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
