from .check_video_length import CheckVideoLength
from .compute_flow_target import ByteBoundedCache, ComputeFlowTarget
from .load_golf_strip import LoadGolfStrip
from .pack_video_gan_inputs import PackVideoGANInputs

__all__ = [
    'ByteBoundedCache', 'CheckVideoLength', 'ComputeFlowTarget',
    'LoadGolfStrip', 'PackVideoGANInputs'
]
