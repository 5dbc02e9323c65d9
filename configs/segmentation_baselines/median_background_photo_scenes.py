# Label-free baseline on the photo-scene benchmark: the per-clip median
# frame as background. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# threshold chosen on the val split (scenario 'all';
# results/segmentation/photo_scenes/)
model = dict(threshold=0.2)
