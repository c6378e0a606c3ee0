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


def error_from_os(source: str, exc: OSError) -> NewsmillError:
    """An operating-system failure on an input as the one-line error the user sees."""
    if isinstance(exc, FileNotFoundError):
        return InputNotFound(source, "no such file or directory")
    if isinstance(exc, IsADirectoryError):
        return UnsupportedInput(source, "is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputUnreadable(source, "permission denied")
    return InputUnreadable(source, (exc.strerror or str(exc)).rstrip(".").lower())


def describe_size_limit(max_bytes: int) -> str:
    """A size limit in decimal megabytes, as the command line takes it."""
    megabytes = max_bytes / 1_000_000
    if megabytes >= 1:
        return f"{megabytes:.1f}".removesuffix(".0") + " MB"
    return f"{max_bytes:,}-byte"
