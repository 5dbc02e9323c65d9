from .vosgan import VOSGAN

__all__ = ['VOSGAN']
