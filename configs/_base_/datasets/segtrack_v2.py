# SegTrack v2 as released (data/SegTrackv2: JPEGImages/<seq>,
# GroundTruth/<seq>[/<object>]); no official split: 70/30 by video, seed 0.
_base_ = 'davis2016.py'
data_root = 'data/SegTrackv2'
segtrack = dict(type='SegTrackV2Dataset', data_root=data_root)
train_dataloader = dict(dataset=segtrack)
test_dataloader = dict(dataset=segtrack)
