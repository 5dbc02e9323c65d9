from .flow_magnitude_segmenter import FlowMagnitudeSegmenter
from .vosgan_segmenter import VOSGANSegmenter

__all__ = ['FlowMagnitudeSegmenter', 'VOSGANSegmenter']
