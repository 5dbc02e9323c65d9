# F4K-Fish or your own annotated videos: data/frame_mask_folders/<seq>/frames
# and <seq>/masks; 70/30 split by video, seed 0.
_base_ = 'davis2016.py'
data_root = 'data/frame_mask_folders'
_folders = dict(type='FrameMaskFolderDataset', data_root=data_root)
train_dataloader = dict(dataset=_folders)
test_dataloader = dict(dataset=_folders)
# F4K-Fish has no official script that leaves frames out (nor have your
# own videos): every frame is scored
test_evaluator = dict(skip_first_last=False)
