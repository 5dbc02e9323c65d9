"""How the tools end on a problem with their input: the problem's message,
without a traceback, and a non-zero exit status.

A user's bad video, checkpoint, config or path is not a bug of the tool:
its message (which names the file, the problem and what to do) is all the
user needs. A config file that is not valid Python is one such input: its
error reads ``file:line: message``. So is a place a run cannot write to
(no permission, a read-only file system, a full disk, a file size limit):
its error reads ``path: reason``. The traceback is kept for ``--debug``
or ``VOSGAN_DEBUG=1``. Any other exception is a bug and keeps its
traceback.
"""
import argparse
import os
import os.path as osp
import re
import sys
from typing import Callable, Optional

from .checkpoint_loading import CheckpointError
from .errors import ConfigError, ResultsFileError, VideoDataError
from .write_errors import WriteError, write_environment_message

INPUT_ERRORS = (VideoDataError, CheckpointError, ConfigError, WriteError,
                ResultsFileError, FileNotFoundError, FileExistsError)
DEBUG_ENV = 'VOSGAN_DEBUG'
# "%(default)s" so that no formatter appends the default a second time
DEBUG_HELP = (f'show the traceback of an input error; {DEBUG_ENV}=1 does '
              'too (default: %(default)s, its message alone)')
EXIT_STATUS = 1


def add_debug_argument(parser: argparse.ArgumentParser) -> None:
    """Adds ``--debug`` (see :func:`run_tool`) to a tool's arguments."""
    parser.add_argument('--debug', action='store_true', help=DEBUG_HELP)


def _integer_at_least(lowest: int, kind: str) -> Callable[[str], int]:

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f'must be {kind}, got "{text}"') from None
        if value < lowest:
            raise argparse.ArgumentTypeError(f'must be {kind}, got {value}')
        return value

    return parse


# argument types: a bad value is argparse's one-line error naming the option
positive_int = _integer_at_least(1, 'a positive integer')
non_negative_int = _integer_at_least(0, '0 or a positive integer')


def config_syntax_error(error: SyntaxError) -> Optional[str]:
    """``file:line: message`` for a config file that is not valid Python,
    as MMEngine's ``Config.fromfile`` reports it (the file under the name
    ``<unknown>``, or in a message of its own); None for a syntax error
    anywhere else (a bug of the code, which keeps its traceback)."""
    parsed = error
    if isinstance(error.__context__, SyntaxError):  # MMEngine's re-raise
        parsed = error.__context__
    filename = None
    traceback = error.__traceback__
    while traceback is not None:  # the config file MMEngine was reading
        frame = traceback.tb_frame
        if frame.f_globals.get('__name__', '').startswith('mmengine.config'):
            filename = frame.f_locals.get('filename', filename)
        traceback = traceback.tb_next
    if not isinstance(filename, str):
        return None
    return f'{filename}:{parsed.lineno}: {parsed.msg}'


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
    """Runs a tool's ``main``; an :data:`INPUT_ERRORS`, a config file's
    syntax error or a write refused by the file system ends the process
    with its message on standard error and exit status 1, unless
    ``--debug`` is among the arguments or ``VOSGAN_DEBUG`` is set."""
    debug = '--debug' in sys.argv[1:] or os.environ.get(DEBUG_ENV,
                                                        '') not in ('', '0')
    try:
        main()
    except (SyntaxError, OSError, *INPUT_ERRORS) as error:
        message = one_line_message(error)
        if debug or message is None:
            raise
        print(f'{osp.basename(sys.argv[0])}: error: {message}',
              file=sys.stderr)
        sys.exit(EXIT_STATUS)


def one_line_message(error: BaseException) -> Optional[str]:
    """The one line a tool ends with for ``error``: an input error's own
    message, a config file's syntax error as ``file:line: message``, a
    refused write as ``path: reason``; None for any other error (a bug,
    which keeps its traceback)."""
    if isinstance(error, INPUT_ERRORS):
        return message_of(error)
    if isinstance(error, SyntaxError):
        return config_syntax_error(error)
    return write_environment_message(error)
