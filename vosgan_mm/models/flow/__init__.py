from .farneback_flow import FarnebackFlow

__all__ = ['FarnebackFlow']
