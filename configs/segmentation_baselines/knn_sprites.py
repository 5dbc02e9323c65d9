# Label-free baseline on the embedded sprite benchmark: OpenCV's KNN
# background subtractor, online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/knn_segmenter.py',
    '../_base_/datasets/sprite_segmentation.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# history and dist2Threshold chosen on the val split
# (results/segmentation/sprites/)
model = dict(history=64, threshold=5)
