from .atomic_checkpoint_hook import AtomicCheckpointHook
from .bad_clip_report_hook import BadClipReportHook
from .resource_monitor_hook import ResourceMonitorHook
from .video_sample_hook import VideoSampleHook

__all__ = [
    'AtomicCheckpointHook', 'BadClipReportHook', 'ResourceMonitorHook',
    'VideoSampleHook'
]
