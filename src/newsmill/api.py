"""The Python API: one call from a path or a string to an Article."""

from __future__ import annotations

import os
from pathlib import Path

from newsmill.errors import EmptyInput, NewsmillError
from newsmill.lang.analyze import ArticleAnalyzer
from newsmill.pipeline import ArticleExtractor, RunCounts, analyse_all, extract_all
from newsmill.read.files import read_documents
from newsmill.read.raw import RawDocument
from newsmill.read.sniff import sniff_kind
from newsmill.record import Article

_EXTRACTOR = ArticleExtractor()
_ANALYZER = ArticleAnalyzer()


def extract_text(
    text: str,
    *,
    uri: str = "<string>",
    url: str | None = None,
    encoding: str | None = None,
    analyse: bool = True,
) -> Article:
    """Extract an article from page text already in memory (flattened or HTML).

    ``url`` is the address the page was fetched from, as a crawl record gives it: the
    page's own canonical link still wins, but the address fills ``url`` and ``domain``
    when the page names none, and a date in its path is a last resort for ``published``.
    With ``analyse`` off, only the extraction runs: no language, entities, dates or events.
    """
    raw = RawDocument(uri=uri, text=text, kind=sniff_kind(text), encoding=encoding, url=url)
    article = _EXTRACTOR.extract(raw)
    return _ANALYZER.analyse(article).article if analyse else article


def extract(path_or_text: str | os.PathLike[str]) -> Article:
    """Extract the first article from a file path, or from the text itself.

    A ``Path`` or a one-line string naming an existing file is read as that file
    (gzip, encodings and JSONL handled as on the command line); any other string
    is the page text. Raises a ``NewsmillError`` naming the input on bad input.
    """
    if isinstance(path_or_text, os.PathLike) or _names_a_file(path_or_text):
        path = os.fspath(path_or_text)
        articles = extract_all(read_documents(path), RunCounts(), _EXTRACTOR)
        for item in analyse_all(articles, _ANALYZER):
            if isinstance(item, NewsmillError):
                raise item
            return item
        raise EmptyInput(path, "no document found")
    return extract_text(path_or_text)


def _names_a_file(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()
