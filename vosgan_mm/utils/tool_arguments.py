"""The arguments a tool that reads a config ends with, and reading that
config: ``--cfg-options KEY=VALUE ...`` merged into the file, as
MMAction2's tools do, and ``--debug`` (:func:`~.tool_errors.run_tool`)."""
import argparse
from typing import Optional

from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from .config_reading import read_config
from .tool_errors import add_debug_argument

CFG_OPTIONS_HELP = 'override config settings (default: none)'


def add_config_arguments(
        parser: argparse.ArgumentParser,
        cfg_options_help: Optional[str] = CFG_OPTIONS_HELP) -> None:
    """Adds ``--cfg-options`` (MMEngine's ``DictAction``: ``KEY=VALUE``
    pairs, read by :func:`config_from_args`) and ``--debug``."""
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction, help=cfg_options_help)
    add_debug_argument(parser)


def config_from_args(args: argparse.Namespace) -> Config:
    """The config file ``args.config`` with ``args.cfg_options`` merged in,
    its ``default_scope`` (``vosgan_mm`` where it names none) made the
    current one, so that the tool builds components from the registries by
    name. A tool that builds a ``Runner`` (which sets the scope itself)
    reads its config with :func:`~.config_reading.read_config`."""
    cfg = read_config(args.config, args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'vosgan_mm'))
    return cfg
