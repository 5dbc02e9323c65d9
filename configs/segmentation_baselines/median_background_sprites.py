# Label-free baseline on the embedded sprite benchmark: the per-clip median
# frame as background. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# threshold chosen on the val split (results/segmentation/sprites/)
model = dict(threshold=0.005)
