# Label-free baseline on F4K-Fish: OpenCV's MOG2 background subtractor,
# online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/mog2_segmenter.py',
    '../_base_/datasets/f4k_fish.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
