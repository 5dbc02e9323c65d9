# No learning, on your own videos: foreground where the Farneback flow
# magnitude is above the frame's Otsu threshold. Segment any video with it
# (no checkpoint):
#   python tools/segment_video.py VIDEO \
#       configs/segmentation/flow_baseline_videos.py
# or, where you have masks (data/frame_mask_folders/<seq>/{frames,masks}),
# score it: python tools/test.py THIS_CONFIG.
_base_ = [
    '../_base_/datasets/frame_mask_folders.py', '../_base_/default_runtime.py'
]
model = dict(type='FlowMagnitudeSegmenter', threshold='otsu')
train_dataloader = None
custom_hooks = []
