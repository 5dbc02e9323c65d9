from .atomic_checkpoint_hook import AtomicCheckpointHook
from .video_sample_hook import VideoSampleHook

__all__ = ['AtomicCheckpointHook', 'VideoSampleHook']
