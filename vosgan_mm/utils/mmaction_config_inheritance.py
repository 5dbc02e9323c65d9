"""Reads configs that inherit MMAction2's own (``_base_ = 'mmaction::...'``).

MMEngine 0.10.7 finds such a config through the package's model index and
fails on MMAction2 1.1.0's, where one model (BSN) lists several config
files (``AttributeError: 'list' object has no attribute 'partition'``).
:func:`read_config`, which the tools call, reads a config with a look-up
that skips such entries; MMEngine's own look-up is restored as soon as the
config is read. (``mmaction::`` also needs ``pkg_resources``, i.e.
setuptools < 81.)
"""
import os.path as osp
from contextlib import contextmanager
from typing import Optional

import mmengine.config.utils as config_utils
from mmengine.config import Config
from mmengine.fileio import load


def _cfg_metainfo(package_path: str, cfg_path: str) -> dict:
    index = load(osp.join(package_path, '.mim', 'model-index.yml'))
    configs = {}
    for meta_path in index['Import']:
        meta = load(osp.join(package_path, '.mim', meta_path))
        for model in meta['Models']:
            config = model.get('Config')
            if not isinstance(config, str):  # none, or several files
                continue
            configs.setdefault(config.partition('/')[-1], model)
    if cfg_path not in configs:
        raise ValueError(f'{cfg_path} is not a config of the package at '
                         f'{package_path}')
    return configs[cfg_path]


@contextmanager
def _model_index_that_skips_multi_config_models():
    original = config_utils._get_cfg_metainfo
    config_utils._get_cfg_metainfo = _cfg_metainfo
    try:
        yield
    finally:
        config_utils._get_cfg_metainfo = original


def read_config(filename: str, cfg_options: Optional[dict] = None) -> Config:
    """``Config.fromfile(filename)``, also for configs that inherit
    MMAction2's (``mmaction::``), with a tool's ``--cfg-options`` merged
    in."""
    with _model_index_that_skips_multi_config_models():
        cfg = Config.fromfile(filename)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return cfg
