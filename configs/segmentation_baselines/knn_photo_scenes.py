# Label-free baseline on the photo-scene benchmark: OpenCV's KNN
# background subtractor, online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/knn_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# dist2Threshold chosen on the val split (scenario 'all';
# results/segmentation/photo_scenes/)
model = dict(threshold=800)
