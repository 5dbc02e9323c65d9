# Label-free baseline: per-clip median frame as background, foreground
# where a frame differs from it by more than `threshold` in any channel
# (values in [0, 1]). 0.05 is set a priori for real footage, whose sensor
# noise the noise-free sprite videos lack; the sprite configs set the
# threshold chosen on the sprite val split (docs/segmentation_protocol.md).
model = dict(type='MedianBackgroundSegmenter', threshold=0.05)
