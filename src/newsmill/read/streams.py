"""A byte stream with its first bytes put back after sniffing them.

Readers peek at the head of a file or stdin (gzip magic, ``WARC/``) and then
hand the whole stream on; stdin cannot seek back, so the head is replayed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from newsmill.errors import NewsmillError, error_from_os

if TYPE_CHECKING:
    from newsmill.read.raw import Shard

Item = TypeVar("Item")

#: How much a reader asks of a stream at a time.
CHUNK = 1024 * 1024
#: The first bytes of a gzip stream.
GZIP_MAGIC = b"\x1f\x8b"


class Readable(Protocol):
    """A binary stream as ``open(path, "rb")``, ``sys.stdin.buffer`` or BytesIO give."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


class PrefixedStream:
    """A byte stream with the bytes already read from its front put back."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            data, self._head = self._head + self._rest.read(), b""
        else:
            data, self._head = self._head[:size], self._head[size:]
        return data

    def readline(self, size: int = -1) -> bytes:
        head = self._head
        if not head:
            return self._rest.readline(size)
        newline = head.find(b"\n")
        if newline >= 0 and (size < 0 or newline < size):
            cut = newline + 1
        elif 0 <= size <= len(head):
            cut = size
        else:
            self._head = b""
            return head + self._rest.readline(size - len(head) if size >= 0 else -1)
        self._head = head[cut:]
        return head[:cut]

    def seek(self, offset: int, /) -> int:
        # GzipFile only seeks to rewind, which reading straight through never does.
        raise io.UnsupportedOperation("seek")


def read_at_most(stream: Readable, max_bytes: int, head: bytes = b"") -> bytes | None:
    """``head`` and the rest of ``stream`` when they come to at most ``max_bytes``; ``None``
    when there is more (reading stops one byte past the limit, never further)."""
    chunks = [head] if head else []
    total = len(head)
    while total <= max_bytes:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    return None


def each_of_file(
    path: str, shard: Shard, read: Callable[[Readable], Iterator[Item]]
) -> Iterator[Item | NewsmillError]:
    """What ``read`` yields from the opened file, closed when the generator ends; a file
    that cannot be opened is one error, reported by the shard owning the first record."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the generator ends
    except OSError as exc:
        if shard.owns(1):
            yield error_from_os(path, exc)
        return
    with stream:
        yield from read(stream)
