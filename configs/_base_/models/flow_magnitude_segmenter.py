# Label-free baseline: foreground where the Farneback flow magnitude is
# above each frame's Otsu threshold; a frame whose largest motion is below
# min_magnitude pixels is all background (0.5 a priori; the sprite configs
# set what was chosen on the sprite val split).
model = dict(
    type='FlowMagnitudeSegmenter', threshold='otsu', min_magnitude=0.5)
