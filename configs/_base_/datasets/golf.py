# VGAN's "golf course" clips: data/golf/golf.txt lists JPEG strips under
# data/golf/frames-stable-many/ (see README, "Data").
data_root = 'data/golf'
train_pipeline = [
    dict(type='LoadGolfStrip', frame_size=128, num_frames=32, min_frames=16),
    dict(type='Resize', scale=(64, 64), keep_ratio=False),
    dict(type='ComputeFlowTarget'),
    dict(type='PackVideoGANInputs'),
]
# for models that use no flow target (VGAN, TGAN, VOS-GAN w/o OF)
_train_pipeline_without_flow = [
    t for t in train_pipeline if t['type'] != 'ComputeFlowTarget'
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type='GolfStripDataset',
        data_root=data_root,
        ann_file='golf.txt',
        data_prefix=dict(video='frames-stable-many'),
        # an unreadable strip: 'raise' stops with an error naming it; 'skip'
        # logs it, draws another clip and counts it (BadClipReportHook)
        on_bad_clip='raise',
        pipeline=train_pipeline))
