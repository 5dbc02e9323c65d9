# Label-free baseline: OpenCV's KNN background subtractor, online over
# each sequence, no shadows; warm-up as for MOG2. OpenCV's defaults
# (history 500, dist2Threshold 400) for real footage; the sprite configs
# set what was chosen on the sprite val split
# (docs/segmentation_protocol.md).
model = dict(
    type='BackgroundSubtractorSegmenter',
    method='KNN',
    history=500,
    threshold=None)
