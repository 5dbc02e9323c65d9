# Label-free baseline on DAVIS-2016: the per-clip median background after
# aligning the frames with the camera's motion. Test with tools/test.py (no
# checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/davis2016.py', '../_base_/default_runtime.py'
]
model = dict(compensate_camera_motion=True)
train_dataloader = None
custom_hooks = []
