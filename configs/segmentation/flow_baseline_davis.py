# No learning, on DAVIS-2016 (its official val set): foreground where the
# Farneback flow magnitude is above the frame's Otsu threshold. Test with
# tools/test.py (no checkpoint).
_base_ = ['../_base_/datasets/davis2016.py', '../_base_/default_runtime.py']
model = dict(type='FlowMagnitudeSegmenter', threshold='otsu')
train_dataloader = None
custom_hooks = []
