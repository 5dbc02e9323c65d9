from .mask_comparison import mask_comparison_grid
from .video_grid import (generator_output_grid, label_columns,
                         make_video_grid, open_video_writer, overlay_mask,
                         to_uint8_frames, write_video)

__all__ = [
    'generator_output_grid', 'label_columns', 'make_video_grid',
    'mask_comparison_grid', 'open_video_writer', 'overlay_mask',
    'to_uint8_frames', 'write_video'
]
