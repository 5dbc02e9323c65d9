# No learning, on SegTrack v2 (the published 70/30 split): foreground where the
# Farneback flow magnitude is above the frame's Otsu threshold. Test with
# tools/test.py (no checkpoint).
_base_ = ['../_base_/datasets/segtrack_v2.py', '../_base_/default_runtime.py']
model = dict(type='FlowMagnitudeSegmenter', threshold='otsu')
train_dataloader = None
custom_hooks = []
