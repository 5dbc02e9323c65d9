from .generation import load_gan, write_sample_sheets
from .segmentation import read_frames, segment_frames, write_segmentation

__all__ = [
    'load_gan', 'read_frames', 'segment_frames', 'write_sample_sheets',
    'write_segmentation'
]
