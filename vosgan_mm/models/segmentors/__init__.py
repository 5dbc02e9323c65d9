from .background_subtractor_segmenter import BackgroundSubtractorSegmenter
from .flow_magnitude_segmenter import FlowMagnitudeSegmenter
from .frame_based_segmenter import FrameBasedSegmenter
from .median_background_segmenter import MedianBackgroundSegmenter
from .vosgan_segmenter import VOSGANSegmenter

__all__ = [
    'BackgroundSubtractorSegmenter', 'FlowMagnitudeSegmenter',
    'FrameBasedSegmenter', 'MedianBackgroundSegmenter', 'VOSGANSegmenter'
]
