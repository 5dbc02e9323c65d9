# No learning, on F4K-Fish (the published 70/30 split): foreground where the
# Farneback flow magnitude is above the frame's Otsu threshold. Test with
# tools/test.py (no checkpoint).
_base_ = ['../_base_/datasets/f4k_fish.py', '../_base_/default_runtime.py']
model = dict(type='FlowMagnitudeSegmenter', threshold='otsu')
train_dataloader = None
custom_hooks = []
