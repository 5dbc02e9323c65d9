from .vosgan_generator import VOSGANGenerator

__all__ = ['VOSGANGenerator']
