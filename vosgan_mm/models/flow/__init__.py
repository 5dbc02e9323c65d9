from .farneback_flow import FarnebackFlow
from .flow_target import FARNEBACK_PARAMETERS, FlowTarget
from .torch_farneback_flow import TorchFarnebackFlow

__all__ = [
    'FARNEBACK_PARAMETERS', 'FarnebackFlow', 'FlowTarget', 'TorchFarnebackFlow'
]
