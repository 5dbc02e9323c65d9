# No learning, on the photo-scene benchmark: foreground where the Farneback
# flow magnitude is above the frame's Otsu threshold. Test with
# tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/flow_magnitude_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# min_magnitude chosen on the val split (scenario 'all';
# results/segmentation/photo_scenes/)
model = dict(min_magnitude=0.25)
