"""vosgan_mm: VOS-GAN (video generation with two latent spaces and an
unsupervised segmenting discriminator) as an OpenMMLab plugin."""
from .utils import allow_mmengine_checkpoint_types

allow_mmengine_checkpoint_types()

from . import apis, datasets, engine, models, visualization  # noqa: E402,F401
from .version import __version__  # noqa: E402

__all__ = ['__version__']
