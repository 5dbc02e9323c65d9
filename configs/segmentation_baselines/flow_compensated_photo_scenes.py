# Label-free baseline on the photo-scene benchmark: flow magnitude over
# Otsu's threshold after removing the camera's motion. Test with
# tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/flow_magnitude_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
# min_magnitude chosen on the val split (scenario 'all';
# results/segmentation/photo_scenes/)
model = dict(compensate_camera_motion=True, min_magnitude=0.25)
train_dataloader = None
custom_hooks = []
