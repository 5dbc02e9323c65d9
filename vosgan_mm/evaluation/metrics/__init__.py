from .frechet_distance import (FrechetInceptionDistance, frechet_distance,
                               frechet_distance_of_features, symmetric_sqrt)
from .generation_metrics import (ForegroundContentDistance, InceptionScore,
                                 MotionCoherence, flow_histogram,
                                 foreground_box, inception_score,
                                 kl_divergence)
from .flow_measures import end_point_error
from .segmentation_measures import (boundary_f_measure, mask_boundary,
                                    pixel_f_measure, region_iou)
from .video_segmentation_metric import VideoSegmentationMetric, upsample_to

__all__ = [
    'ForegroundContentDistance', 'FrechetInceptionDistance', 'InceptionScore',
    'MotionCoherence', 'frechet_distance', 'frechet_distance_of_features',
    'symmetric_sqrt', 'VideoSegmentationMetric', 'boundary_f_measure',
    'end_point_error', 'flow_histogram', 'foreground_box', 'inception_score',
    'kl_divergence', 'mask_boundary', 'pixel_f_measure', 'region_iou',
    'upsample_to'
]
