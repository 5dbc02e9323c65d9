# Label-free baseline on the embedded sprite benchmark: OpenCV's MOG2
# background subtractor, online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/mog2_segmenter.py',
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# history and varThreshold chosen on the val split
# (results/segmentation/sprites/)
model = dict(history=128, threshold=0.5)
