# Label-free baseline: OpenCV's MOG2 background subtractor, online over
# each sequence, no shadows; the first shot of a sequence is fed once to
# warm up, then scored. OpenCV's defaults (history 500, varThreshold 16)
# for real footage; the sprite configs set what was chosen on the sprite
# val split (docs/segmentation_protocol.md).
model = dict(
    type='BackgroundSubtractorSegmenter',
    method='MOG2',
    history=500,
    threshold=None)
