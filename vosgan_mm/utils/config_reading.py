"""Reading a tool's config: the file, then its ``--cfg-options``."""
from typing import Optional

from mmengine.config import Config


def read_config(filename: str, cfg_options: Optional[dict] = None) -> Config:
    """``Config.fromfile(filename)`` with a tool's ``--cfg-options`` merged
    in, as MMAction2's tools read their config."""
    cfg = Config.fromfile(filename)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return cfg
