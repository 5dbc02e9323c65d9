"""Errors of a run's input that the tools report as one line, without a
traceback (:mod:`vosgan_mm.utils.tool_errors`). They are defined here,
below the data sets and the engine that raise them, so that the tools'
error handling names them without importing either; ``vosgan_mm.datasets``
and ``vosgan_mm.engine`` export them as before."""


class VideoDataError(RuntimeError):
    """A clip could not be loaded; the message names the file and why."""


class ConfigError(ValueError):
    """A config lacks a key or holds a value the run cannot use."""


class ResultsFileError(ValueError):
    """A results file (a table or a test's JSON) a tool reads is not JSON,
    or not the kind of file the tool reads, or disagrees with the others."""
