"""``vosgan_mm::`` config paths, as ``mmaction::`` and ``mmdet::`` work.

MMEngine resolves ``_base_ = 'package::path'`` (and
``Config.fromfile('package::path')``) only for the packages named in its
table ``mmengine.config.utils.MODULE2PACKAGE`` (module -> distribution),
then reads the config from ``<package>/.mim/configs/``, which the build
fills (see setup.py). :func:`register_config_package` adds this package to
that table when ``vosgan_mm`` is imported: one entry is added, nothing of
MMEngine is replaced. A script that reads a ``vosgan_mm::`` config before
importing ``vosgan_mm`` (another toolbox's ``tools/train.py``) needs
``import vosgan_mm`` first.
"""
from mmengine.config.utils import MODULE2PACKAGE

PACKAGE = 'vosgan_mm'


def register_config_package() -> None:
    """Lets MMEngine read ``vosgan_mm::<path under configs/>``."""
    MODULE2PACKAGE.setdefault(PACKAGE, PACKAGE)
