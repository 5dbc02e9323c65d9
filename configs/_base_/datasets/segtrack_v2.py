# SegTrack v2 as released (data/SegTrackv2: JPEGImages/<seq>,
# GroundTruth/<seq>[/<object>]). No official split: the 70/30 split by video
# is published once (tools/data/write_segmentation_split.py
# configs/segmentation/flow_baseline_segtrack.py --out
# data/splits/segtrack_v2.json) and read from that file.
_base_ = 'davis2016.py'
data_root = 'data/SegTrackv2'
_segtrack = dict(
    type='SegTrackV2Dataset',
    data_root=data_root,
    split_file='data/splits/segtrack_v2.json')
train_dataloader = dict(dataset=_segtrack)
test_dataloader = dict(dataset=_segtrack)
# SegTrack v2 has no official script that leaves frames out: every frame
# is scored
test_evaluator = dict(skip_first_last=False)
