from .farneback_flow import FarnebackFlow
from .torch_farneback_flow import TorchFarnebackFlow

__all__ = ['FarnebackFlow', 'TorchFarnebackFlow']
