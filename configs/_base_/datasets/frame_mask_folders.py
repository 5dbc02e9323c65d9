# F4K-Fish or your own annotated videos: data/frame_mask_folders/<seq>/frames
# and <seq>/masks; 70/30 split by video, seed 0.
_base_ = 'davis2016.py'
data_root = 'data/frame_mask_folders'
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='FrameMaskFolderDataset',
        data_root=data_root,
        split='train',
        pipeline={{_base_.train_pipeline}}))
test_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='FrameMaskFolderDataset',
        data_root=data_root,
        split='val',
        pipeline={{_base_.test_pipeline}}))
