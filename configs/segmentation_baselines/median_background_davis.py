# Label-free baseline on DAVIS-2016: the per-clip median frame as background.
# Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/davis2016.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
