# Label-free baseline on DAVIS-2016: OpenCV's KNN background subtractor,
# online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/knn_segmenter.py',
    '../_base_/datasets/davis2016.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
