# Label-free baseline on your own videos (frame and mask folders): the
# per-clip median frame as background. Test with tools/test.py (no
# checkpoint).
_base_ = [
    '../_base_/models/median_background_segmenter.py',
    '../_base_/datasets/frame_mask_folders.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
