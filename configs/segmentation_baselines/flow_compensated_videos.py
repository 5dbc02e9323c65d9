# Label-free baseline on your own videos (frame and mask folders): flow
# magnitude over Otsu's threshold after removing the camera's motion. Test
# with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/flow_magnitude_segmenter.py',
    '../_base_/datasets/frame_mask_folders.py', '../_base_/default_runtime.py'
]
model = dict(compensate_camera_motion=True)
train_dataloader = None
custom_hooks = []
