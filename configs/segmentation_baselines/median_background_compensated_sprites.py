# Label-free baseline on the embedded sprite benchmark: the per-clip median
# background after aligning the frames with the camera's motion. Test with
# tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
# threshold chosen on the val split (results/segmentation/sprites/)
model = dict(compensate_camera_motion=True, threshold=0.075)
train_dataloader = None
custom_hooks = []
