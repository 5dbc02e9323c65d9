# Label-free baseline on the photo-scene benchmark: OpenCV's MOG2
# background subtractor, online. Test with tools/test.py (no checkpoint).
_base_ = [
    '../_base_/models/mog2_segmenter.py',
    '../_base_/datasets/photo_scenes.py', '../_base_/default_runtime.py'
]
train_dataloader = None
custom_hooks = []
# varThreshold chosen on the val split (scenario 'all';
# results/segmentation/photo_scenes/)
model = dict(threshold=32)
