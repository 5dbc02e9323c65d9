from .hooks import *  # noqa: F401,F403
from .train_config import (ConfigError, check_train_config, refuse_to_overwrite,
                           init_cpu_distributed, set_amp)
from .optimizers import *  # noqa: F401,F403
