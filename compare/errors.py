"""Named errors. Every user-facing failure is one of these, with a one-line message."""

from __future__ import annotations


class CompareError(Exception):
    """Base class: the CLI and the app print `str(err)` and never a traceback."""


class InputError(CompareError, ValueError):
    """The user's input cannot be compared (empty, wrong type, bad option)."""


class EmptyTextError(InputError):
    """A readout is empty or holds only whitespace."""


class FileReadError(InputError):
    """A file is missing, unreadable, binary, undecodable, too large or of an unknown format."""


class FileTooLargeError(FileReadError):
    """A file or text is over the documented size limit."""


class ModelLoadError(CompareError):
    """The embedding model could not be loaded from the given name or path."""
