"""How the tools end on a problem with their input: the problem's message,
without a traceback, and a non-zero exit status.

A user's bad video, checkpoint, config or path is not a bug of the tool:
its message (which names the file, the problem and what to do) is all the
user needs. The traceback is kept for ``--debug`` or ``VOSGAN_DEBUG=1``.
Any other exception is a bug and keeps its traceback.
"""
import argparse
import os
import os.path as osp
import re
import sys
from typing import Callable

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.engine import ConfigError
from vosgan_mm.utils import CheckpointError

INPUT_ERRORS = (VideoDataError, CheckpointError, ConfigError,
                FileNotFoundError)
DEBUG_ENV = 'VOSGAN_DEBUG'
DEBUG_HELP = f'show the traceback of an input error (also: {DEBUG_ENV}=1)'
EXIT_STATUS = 1


def add_debug_argument(parser: argparse.ArgumentParser) -> None:
    """Adds ``--debug`` (see :func:`run_tool`) to a tool's arguments."""
    parser.add_argument('--debug', action='store_true', help=DEBUG_HELP)


def message_of(error: BaseException) -> str:
    """The error's own message. An error raised in a DataLoader worker
    comes back as ``Caught X in DataLoader worker process N`` with the
    worker's traceback; its last line holds the message."""
    text = str(error)
    if text.startswith('Caught ') and 'Original Traceback' in text:
        # the worker's last "[module.]Name: message" line, and any lines
        # of the message after it
        name = re.escape(type(error).__name__)
        starts = list(
            re.finditer(rf'^(?:[\w.]+\.)?{name}: ', text, flags=re.M))
        if starts:
            text = text[starts[-1].end():].rstrip()
    return text


def run_tool(main: Callable[[], object]) -> None:
    """Runs a tool's ``main``; an :data:`INPUT_ERRORS` ends the process
    with its message on standard error and exit status 1, unless
    ``--debug`` is among the arguments or ``VOSGAN_DEBUG`` is set."""
    debug = '--debug' in sys.argv[1:] or os.environ.get(DEBUG_ENV,
                                                        '') not in ('', '0')
    try:
        main()
    except INPUT_ERRORS as error:
        if debug:
            raise
        tool = osp.basename(sys.argv[0])
        print(f'{tool}: error: {message_of(error)}', file=sys.stderr)
        sys.exit(EXIT_STATUS)
