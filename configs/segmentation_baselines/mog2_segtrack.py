# Label-free baseline on SegTrack v2: OpenCV's MOG2 background subtractor,
# online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/mog2_segmenter.py',
    '../_base_/datasets/segtrack_v2.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
