# Real videos for fine-tuning a golf-trained GAN (the paper's UCF101 and
# DAVIS variants). Each is a whole `dataset` entry that replaces golf's.
_video_pipeline = [
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
]
_flow = [dict(type='ComputeFlowTarget')]
_pack = [dict(type='PackVideoGANInputs')]
# UCF101 as released: data/ucf101/UCF-101/<Class>/v_*.avi; only the videos
# of the recognition's training list (tools/data/build_ucf101_annotations.py),
# so that no validation or test clip is seen before Table 5 reads them
_ucf101_gan_dataset = dict(
    _delete_=True,
    type='VideoFolderDataset',
    data_root='data/ucf101/UCF-101',
    ann_file='../ucf101_train_split_1_videos.txt',  # beside UCF-101/
    pipeline=_video_pipeline + _flow + _pack)
_ucf101_gan_dataset_without_flow = dict(
    _ucf101_gan_dataset, pipeline=_video_pipeline + _pack)
# DAVIS-2016 frames (masks unused), cut into 32-frame shots
_shot_pipeline = [dict(type='LoadShotFrames', size=(64, 64))]
_davis_gan_dataset = dict(
    _delete_=True,
    type='DAVIS2016Dataset',
    data_root='data/DAVIS',
    split='all',
    pipeline=_shot_pipeline + _flow + _pack)
_davis_gan_dataset_without_flow = dict(
    _davis_gan_dataset, pipeline=_shot_pipeline + _pack)
