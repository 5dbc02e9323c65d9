from .segmentation_measures import (boundary_f_measure, mask_boundary,
                                    pixel_f_measure, region_iou)
from .video_segmentation_metric import VideoSegmentationMetric, upsample_to

__all__ = [
    'VideoSegmentationMetric', 'boundary_f_measure', 'mask_boundary',
    'pixel_f_measure', 'region_iou', 'upsample_to'
]
