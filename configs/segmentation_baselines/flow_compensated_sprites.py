# Label-free baseline on the embedded sprite benchmark: flow magnitude over
# Otsu's threshold after removing the camera's motion. Test with
# tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/flow_magnitude_segmenter.py',
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
# min_magnitude chosen on the val split (results/segmentation/sprites/)
model = dict(compensate_camera_motion=True, min_magnitude=0.25)
train_dataloader = None
custom_hooks = []
