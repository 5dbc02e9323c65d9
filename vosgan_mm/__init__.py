"""vosgan_mm: VOS-GAN (video generation with two latent spaces and an
unsupervised segmenting discriminator) as an OpenMMLab plugin."""
import warnings

# mmcv-lite has no compiled ops: importing MMAction2's models warns that one
# of them (MultiScaleDeformableAttention, which nothing here uses) is
# missing. That one warning is quieted while this package and MMAction2 are
# imported; the warning filters are restored afterwards.
with warnings.catch_warnings():
    warnings.filterwarnings(
        'ignore', message='Fail to import ``MultiScaleDeformableAttention``')
    from mmaction.utils import register_all_modules

    from .utils import (allow_mmengine_checkpoint_types,
                        register_config_package)

    # MMAction2's transforms (OpenCVInit, SampleFrames, Resize...),
    # recognizers and heads are reached through our child registries:
    # register them first.
    register_all_modules(init_default_scope=False)
    # purely additive: MMEngine's checkpoint types on torch's weights-only
    # allow-list; nothing of MMEngine is replaced or patched
    allow_mmengine_checkpoint_types()
    # purely additive: `vosgan_mm::` config paths, one entry in MMEngine's
    # table of config packages
    register_config_package()

    # importing the sub-packages registers every component
    from . import apis, datasets, engine, evaluation  # noqa: F401
    from . import models, visualization  # noqa: F401
from .version import __version__  # noqa: E402

__all__ = ['__version__']
