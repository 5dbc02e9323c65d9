from .atomic_checkpoint_hook import AtomicCheckpointHook
from .resource_monitor_hook import ResourceMonitorHook
from .video_sample_hook import VideoSampleHook

__all__ = ['AtomicCheckpointHook', 'ResourceMonitorHook', 'VideoSampleHook']
