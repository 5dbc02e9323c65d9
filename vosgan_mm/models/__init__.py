from .backbones import *  # noqa: F401,F403
from .classifiers import *  # noqa: F401,F403
from .data_preprocessors import *  # noqa: F401,F403
from .discriminators import *  # noqa: F401,F403
from .flow import *  # noqa: F401,F403
from .gans import *  # noqa: F401,F403
from .generators import *  # noqa: F401,F403
from .heads import *  # noqa: F401,F403
from .latents import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .parity_conv_transpose import (  # noqa: F401
    ParityConvTranspose3d, parity_conv_transpose3d)
from .real_video_source import RealVideoSource  # noqa: F401
from .segmentors import *  # noqa: F401,F403
from .strict_pretrained_init import StrictPretrainedInit  # noqa: F401
