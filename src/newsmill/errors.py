"""Error types with stable codes and one-line messages that name the input.

The command line prints ``str(error)`` and nothing more for these: they are the
user's mistakes or the input's faults, never bugs, so no traceback is shown.
"""

from __future__ import annotations


class NewsmillError(Exception):
    """Base of every error the user is meant to see as one line."""

    code = "E000"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason} [{self.code}]")


class InputNotFound(NewsmillError):
    code = "E001"


class EmptyInput(NewsmillError):
    code = "E002"


class BinaryInput(NewsmillError):
    code = "E003"


class DecodeFailed(NewsmillError):
    code = "E004"


class InputTooLarge(NewsmillError):
    code = "E005"


class CorruptArchive(NewsmillError):
    code = "E006"


class UnsupportedInput(NewsmillError):
    code = "E007"


class MalformedRecord(NewsmillError):
    code = "E008"


class InputUnreadable(NewsmillError):
    """The input exists but cannot be read (permissions, I/O error, no stdin)."""

    code = "E009"


class PageTimeout(NewsmillError):
    code = "E010"
