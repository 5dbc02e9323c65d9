from .generation import load_gan, write_sample_sheets
from .segmentation import (FrameSource, overlay_mask, segment_shot,
                           segment_video)

__all__ = [
    'FrameSource', 'load_gan', 'overlay_mask', 'segment_shot', 'segment_video',
    'write_sample_sheets'
]
