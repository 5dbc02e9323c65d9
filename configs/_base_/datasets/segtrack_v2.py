# SegTrack v2 as released (data/SegTrackv2: JPEGImages/<seq>,
# GroundTruth/<seq>[/<object>]); no official split: 70/30 by video, seed 0.
_base_ = 'davis2016.py'
data_root = 'data/SegTrackv2'
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SegTrackV2Dataset',
        data_root=data_root,
        split='train',
        pipeline={{_base_.train_pipeline}}))
test_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='SegTrackV2Dataset',
        data_root=data_root,
        split='val',
        pipeline={{_base_.test_pipeline}}))
