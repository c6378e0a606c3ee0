"""RawDocument: what a reader hands to the extractors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DocumentKind = Literal["html", "text", "warc", "jsonl"]


@dataclass(frozen=True)
class RawDocument:
    """One input document, decoded to text, with where it came from.

    ``uri`` names the input for messages (a path, ``path#record``, ``<stdin>``);
    ``kind`` is the sniffed content kind (``html`` or ``text``), while
    ``container`` says how it was packed (``file``, ``jsonl``, ``warc``).
    """

    uri: str
    text: str
    kind: Literal["html", "text"]
    encoding: str | None
    container: Literal["file", "jsonl", "warc"] = "file"
    url: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class Shard:
    """Which records of a container a reader hands on: numbers ``index + 1``, ``index + 1 +
    count``, ... (1-based). Readers skip the others before decoding them, so the shards
    of one big archive can be read by several workers at little extra cost."""

    index: int = 0
    count: int = 1

    def owns(self, number: int) -> bool:
        return (max(number, 1) - 1) % self.count == self.index


WHOLE = Shard()
