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


class OutputError(CompareError):
    """Results cannot be written where the user asked (a file in the way, no permission)."""


class ModelLoadError(CompareError):
    """The embedding model could not be loaded from the given name or path."""


class OneSidedStoryError(EmptyTextError):
    """A news story has no sentence on one side (or on either), so there is nothing to compare.

    `empty` holds the sides without a sentence ('a', 'b' or both), `names` the two sides' names.
    """

    def __init__(self, message: str, *, empty: tuple[str, ...], names: tuple[str, str]) -> None:
        super().__init__(message)
        self.empty = empty
        self.names = names
