"""The Python API: one call from a path or a string to an Article."""

from __future__ import annotations

import os
from pathlib import Path

from newsmill.errors import EmptyInput, NewsmillError
from newsmill.pipeline import ArticleExtractor, RunCounts, extract_all
from newsmill.read.files import read_documents
from newsmill.read.raw import RawDocument
from newsmill.read.sniff import sniff_kind
from newsmill.record import Article

_EXTRACTOR = ArticleExtractor()


def extract_text(text: str, *, uri: str = "<string>", encoding: str | None = None) -> Article:
    """Extract an article from page text already in memory (flattened text, later HTML)."""
    raw = RawDocument(uri=uri, text=text, kind=sniff_kind(text), encoding=encoding)
    return _EXTRACTOR.extract(raw)


def extract(path_or_text: str | os.PathLike[str]) -> Article:
    """Extract the first article from a file path, or from the text itself.

    A ``Path`` or a one-line string naming an existing file is read as that file
    (gzip, encodings and JSONL handled as on the command line); any other string
    is the page text. Raises a ``NewsmillError`` naming the input on bad input.
    """
    if isinstance(path_or_text, os.PathLike) or _names_a_file(path_or_text):
        path = os.fspath(path_or_text)
        for item in extract_all(read_documents(path), RunCounts(), _EXTRACTOR):
            if isinstance(item, NewsmillError):
                raise item
            return item
        raise EmptyInput(path, "no document found")
    return extract_text(path_or_text)


def _names_a_file(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()
