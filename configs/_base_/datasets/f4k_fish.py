# F4K-Fish (17 underwater videos) as frame/mask folders:
# data/F4K/<seq>/frames and <seq>/masks (read as frame_mask_folders.py
# reads yours). No official split: the 70/30 split by video is published
# once (tools/data/write_segmentation_split.py
# configs/segmentation/flow_baseline_f4k.py --out data/splits/f4k_fish.json)
# and read from that file.
_base_ = 'davis2016.py'
data_root = 'data/F4K'
_f4k = dict(
    type='FrameMaskFolderDataset',
    data_root=data_root,
    split_file='data/splits/f4k_fish.json')
train_dataloader = dict(dataset=_f4k)
test_dataloader = dict(dataset=_f4k)
# F4K-Fish has no official script that leaves frames out: every frame is
# scored
test_evaluator = dict(skip_first_last=False)
