from .check_video_length import CheckVideoLength
from .compute_flow_target import ByteBoundedCache, ComputeFlowTarget
from .load_golf_strip import LoadGolfStrip
from .load_shot import LoadShotFrames, LoadShotMasks
from .pack_segmentation_inputs import PackSegmentationInputs
from .pack_sprite_scene import PackSpriteScene
from .pack_video_gan_inputs import PackVideoGANInputs
from .stabilise_clip import StabiliseClip

__all__ = [
    'ByteBoundedCache', 'CheckVideoLength', 'ComputeFlowTarget',
    'LoadGolfStrip', 'LoadShotFrames', 'LoadShotMasks',
    'PackSegmentationInputs', 'PackSpriteScene', 'PackVideoGANInputs',
    'StabiliseClip'
]
