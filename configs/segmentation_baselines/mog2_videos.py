# Label-free baseline on your own videos (frame and mask folders): OpenCV's
# MOG2 background subtractor, online. Test with tools/test.py (no
# checkpoint).
_base_ = [
    '../_base_/models/mog2_segmenter.py',
    '../_base_/datasets/frame_mask_folders.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
