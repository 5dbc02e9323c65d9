# No learning: foreground where the Farneback flow magnitude is above the
# frame's Otsu threshold. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
# min_magnitude chosen on the val split (results/segmentation/sprites/)
model = dict(
    type='FlowMagnitudeSegmenter', threshold='otsu', min_magnitude=0.25)
train_dataloader = None
custom_hooks = []
