# Your own videos: every video file under data/videos (or list them in an
# annotation file with ann_file=...), decoded by MMAction2's transforms.
data_root = 'data/videos'
train_pipeline = [
    dict(type='OpenCVInit'),
    # right after the reader: SampleFrames then draws only decodable frames
    dict(type='CheckVideoLength', min_frames=16),
    dict(
        type='SampleFrames',
        clip_len=32,
        frame_interval=1,
        num_clips=1,
        out_of_bound_opt='repeat_last'),
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='ComputeFlowTarget'),
    dict(type='PackVideoGANInputs'),
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='VideoFolderDataset',
        data_root=data_root,
        # an unreadable or too short video: 'raise' stops with an error
        # naming it; 'skip' logs it, draws another video and counts it
        # (BadClipReportHook)
        on_bad_clip='raise',
        pipeline=train_pipeline))
