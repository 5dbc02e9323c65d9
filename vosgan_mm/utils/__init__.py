from .atomic_local_backend import (AtomicLocalBackend,
                                   remove_stale_temporary_files,
                                   save_checkpoint_atomically,
                                   write_atomically)
from .checkpoint_averaging import average_weights
from .checkpoint_loading import (Checkpoint, CheckpointError, check_weights,
                                 load_from_local_file, load_weights_file,
                                 weights_of)
from .checkpoint_safety import (allow_mmengine_checkpoint_types,
                                mmengine_checkpoint_types)
from .config_package import register_config_package
from .config_reading import read_config
from .errors import ConfigError, ResultsFileError, VideoDataError
from .otsu import OTSU, otsu_foreground, threshold_probabilities
from .profile_counts import (cuda_kernel_launches, cuda_synchronisations,
                             host_reads, operator_calls)
from .tool_arguments import add_config_arguments, config_from_args
from .tool_errors import (add_debug_argument, non_negative_int, positive_int,
                          run_tool)
from .video_values import video_from_uint8, video_to_uint8
from .write_errors import WriteError, write_environment_message

__all__ = [
    'AtomicLocalBackend', 'remove_stale_temporary_files',
    'save_checkpoint_atomically', 'write_atomically',
    'allow_mmengine_checkpoint_types', 'register_config_package',
    'mmengine_checkpoint_types', 'OTSU', 'otsu_foreground',
    'threshold_probabilities', 'read_config', 'video_from_uint8',
    'video_to_uint8', 'Checkpoint', 'CheckpointError', 'check_weights',
    'load_from_local_file', 'load_weights_file', 'weights_of',
    'average_weights', 'cuda_kernel_launches', 'cuda_synchronisations',
    'host_reads', 'operator_calls', 'WriteError', 'write_environment_message',
    'ConfigError', 'ResultsFileError', 'VideoDataError',
    'add_config_arguments', 'add_debug_argument', 'config_from_args',
    'non_negative_int', 'positive_int', 'run_tool'
]
