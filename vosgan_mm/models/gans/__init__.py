from .loading import load_gan
from .real_video_source import RealVideoSource
from .tgan import TGAN, clip_singular_values_
from .vgan import VGAN
from .video_gan import VideoGAN
from .vosgan import VOSGAN

__all__ = [
    'RealVideoSource', 'TGAN', 'VGAN', 'VOSGAN', 'VideoGAN',
    'clip_singular_values_', 'load_gan'
]
