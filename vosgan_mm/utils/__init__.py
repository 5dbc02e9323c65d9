from .atomic_local_backend import (AtomicLocalBackend,
                                   remove_stale_temporary_files,
                                   write_atomically)
from .mmaction_config_inheritance import tolerate_multi_config_models
from .checkpoint_loading import (Checkpoint, CheckpointError, check_weights,
                                 load_from_local_file, load_weights_file,
                                 register_checkpoint_loader,
                                 register_strict_loading)
from .checkpoint_safety import (allow_mmengine_checkpoint_types,
                                mmengine_checkpoint_types)

__all__ = [
    'AtomicLocalBackend', 'remove_stale_temporary_files', 'write_atomically',
    'allow_mmengine_checkpoint_types', 'mmengine_checkpoint_types',
    'tolerate_multi_config_models', 'Checkpoint', 'CheckpointError',
    'check_weights', 'load_from_local_file', 'load_weights_file',
    'register_checkpoint_loader', 'register_strict_loading'
]
