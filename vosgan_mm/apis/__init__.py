from .generation import load_gan, write_sample_sheets
from .segmentation import (FrameSource, overlay_mask, segment_shot,
                           segment_video)
from .segmentation_comparison import compare_segmentations

__all__ = [
    'FrameSource', 'compare_segmentations', 'load_gan', 'overlay_mask',
    'segment_shot', 'segment_video', 'write_sample_sheets'
]
