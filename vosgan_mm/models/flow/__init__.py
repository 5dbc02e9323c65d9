from .farneback_flow import FarnebackFlow
from .flow_target import FlowTarget
from .torch_farneback_flow import TorchFarnebackFlow

__all__ = ['FarnebackFlow', 'FlowTarget', 'TorchFarnebackFlow']
