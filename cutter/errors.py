"""The errors cutter reports as one line and a non-zero exit, never as a traceback."""


class CutterError(Exception):
    """Base class for errors that carry a message fit for a user."""


class InputError(CutterError):
    """An input could not be read or decoded; the message names the cause."""


class ConfigError(CutterError):
    """Options or ``[tool.cutter]`` settings that do not fit together."""


class DocumentFailed(CutterError):
    """A document failed while its output was being written (it is cleaned as it is written)."""
