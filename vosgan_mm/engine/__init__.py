from .hooks import *  # noqa: F401,F403
from .optimizers import *  # noqa: F401,F403
from .runner import *  # noqa: F401,F403
from .train_config import (ConfigError, add_speed_arguments, apply_run_flags,
                           apply_speed_arguments, check_config,
                           check_train_config, dump_predictions,
                           fused_optimizers_on_cuda, init_cpu_distributed,
                           pin_memory_on_cuda, refuse_to_overwrite, set_amp,
                           show_segmentation)

__all__ = [
    'ConfigError', 'add_speed_arguments', 'apply_run_flags',
    'apply_speed_arguments', 'check_config', 'check_train_config',
    'dump_predictions', 'fused_optimizers_on_cuda', 'init_cpu_distributed',
    'pin_memory_on_cuda', 'refuse_to_overwrite', 'set_amp', 'show_segmentation'
]
