from .data_preprocessors import *  # noqa: F401,F403
from .discriminators import *  # noqa: F401,F403
from .flow import *  # noqa: F401,F403
from .gans import *  # noqa: F401,F403
from .generators import *  # noqa: F401,F403
from .latents import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .segmentors import *  # noqa: F401,F403
