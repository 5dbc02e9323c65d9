from .canvas_camera import CanvasCamera
from .tgan_generator import TGANGenerator
from .vgan_generator import VGANGenerator
from .vosgan_generator import VOSGANGenerator

__all__ = ['CanvasCamera', 'TGANGenerator', 'VGANGenerator', 'VOSGANGenerator']
