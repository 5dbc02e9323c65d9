# UCF101 for action recognition, as MMAction2 reads it: the release's
# videos under data/ucf101/UCF-101/<Class>/ and the annotation files written
# by tools/data/build_ucf101_annotations.py. Clips of 32 frames at 64x64.
# Model selection (the plateau rule, the best checkpoint) reads the
# validation set, groups held out of the official train list; the official
# test list is read once, by tools/test.py. Right after the reader,
# CheckVideoLength refuses a truncated video (naming it and both frame
# counts) instead of training on a frozen clip of its last frame, and
# samples a variable-frame-rate video from the frames it holds.
split = 1
data_root = 'data/ucf101/UCF-101'
ann_file_train = f'data/ucf101/ucf101_train_split_{split}_videos.txt'
ann_file_val = f'data/ucf101/ucf101_val_split_{split}_videos.txt'
ann_file_test = f'data/ucf101/ucf101_test_split_{split}_videos.txt'
_check = dict(type='CheckVideoLength', min_frames=16)
train_pipeline = [
    dict(type='OpenCVInit'),
    _check,
    dict(type='SampleFrames', clip_len=32, frame_interval=1, num_clips=1),
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='OpenCVInit'),
    _check,
    dict(
        type='SampleFrames',
        clip_len=32,
        frame_interval=1,
        num_clips=1,
        test_mode=True),
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=128,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='VideoDataset',
        ann_file=ann_file_train,
        data_prefix=dict(video=data_root),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=128,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='VideoDataset',
        ann_file=ann_file_val,
        data_prefix=dict(video=data_root),
        pipeline=val_pipeline,
        test_mode=True))
test_dataloader = dict(
    val_dataloader, dataset=dict(val_dataloader['dataset'],
                                 ann_file=ann_file_test))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
