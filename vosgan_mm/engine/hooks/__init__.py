from .atomic_checkpoint_hook import AtomicCheckpointHook
from .batch_norm_recalibration_hook import BatchNormRecalibrationHook
from .bad_clip_report_hook import BadClipReportHook
from .deferred_runtime_info_hook import DeferredRuntimeInfoHook
from .generator_statistics_hook import GeneratorStatisticsHook
from .loss_gradient_norm_hook import LossGradientNormHook
from .resource_monitor_hook import ResourceMonitorHook
from .segmentation_dump_hook import SegmentationDumpHook
from .segmentation_validation_hook import SegmentationValidationHook
from .video_sample_hook import VideoSampleHook
from .weight_average_sweep_hook import WeightAverageSweepHook

__all__ = [
    'AtomicCheckpointHook', 'BadClipReportHook', 'BatchNormRecalibrationHook',
    'DeferredRuntimeInfoHook', 'GeneratorStatisticsHook',
    'LossGradientNormHook', 'ResourceMonitorHook', 'SegmentationDumpHook',
    'SegmentationValidationHook', 'VideoSampleHook', 'WeightAverageSweepHook'
]
