"""Steps from RawDocuments to Articles, with the counts every run reports.

A step takes an iterator and yields; it does not know how it is scheduled, so
the same functions serve the command line now and worker pools later.
Failures are yielded as errors, never raised, so a batch always goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from newsmill.errors import NewsmillError
from newsmill.extract.flat import FlatTextExtractor
from newsmill.extract.html import HtmlExtractor
from newsmill.lang.analyze import ArticleAnalyzer
from newsmill.limits import DEFAULT_PAGE_SECONDS, time_limit
from newsmill.read.raw import RawDocument
from newsmill.record import Article, Source, SourceKind


@dataclass
class RunCounts:
    read: int = 0
    extracted: int = 0
    failed: int = 0
    failures_by_code: Counter[str] = field(default_factory=Counter)

    def fail(self, error: NewsmillError) -> None:
        self.failed += 1
        self.failures_by_code[error.code] += 1


# Where each line or block of a page went: (disposition, probability, text) rows.
Explanation = list[tuple[str, float, str]]


class ArticleExtractor:
    """Dispatches a RawDocument to the extractor for its kind.

    With ``explain`` set, each page is extracted with its decisions and the callback
    gets ``(uri, rows)``: one extraction serves both the record and the explanation.
    """

    def __init__(
        self,
        flat: FlatTextExtractor | None = None,
        page_seconds: float | None = DEFAULT_PAGE_SECONDS,
        explain: Callable[[str, Explanation], None] | None = None,
    ) -> None:
        self.flat = flat or FlatTextExtractor()
        self.page_seconds = page_seconds
        self.explain = explain
        self._html: HtmlExtractor | None = None

    @property
    def html(self) -> HtmlExtractor:
        if self._html is None:
            self._html = HtmlExtractor(self.flat.classifier.lexicon)
        return self._html

    def source_of(self, raw: RawDocument) -> Source:
        kind: SourceKind = (
            "jsonl" if raw.container == "jsonl" else "warc" if raw.container == "warc" else raw.kind
        )
        return Source(uri=raw.uri, kind=kind, encoding=raw.encoding, fetched_at=raw.fetched_at)

    def extract(self, raw: RawDocument) -> Article:
        with time_limit(self.page_seconds, raw.uri):
            return self._extract(raw)

    def _extract(self, raw: RawDocument) -> Article:
        source = self.source_of(raw)
        if raw.kind == "html":
            if self.explain is None:
                return self.html.extract(raw.text, source, raw.url)
            page = self.html.extract_with_decisions(raw.text, source, raw.url)
            self.explain(
                raw.uri, [(d.disposition, d.probability, d.block.text) for d in page.decisions]
            )
            return page.article
        if self.explain is None:
            article = self.flat.extract(raw.text, source)
        else:
            flat = self.flat.extract_with_decisions(raw.text, source)
            self.explain(
                raw.uri, [(d.disposition, d.probability, d.line.text) for d in flat.decisions]
            )
            article = flat.article
        if raw.url:
            article = replace(article, url=raw.url)
        return article


def extract_all(
    items: Iterable[RawDocument | NewsmillError],
    counts: RunCounts,
    extractor: ArticleExtractor | None = None,
) -> Iterator[Article | NewsmillError]:
    extractor = extractor or ArticleExtractor()
    for item in items:
        if isinstance(item, NewsmillError):
            counts.fail(item)
            yield item
            continue
        counts.read += 1
        try:
            article = extractor.extract(item)
        except NewsmillError as error:
            counts.fail(error)
            yield error
            continue
        counts.extracted += 1
        yield article


def analyse_all(
    items: Iterable[Article | NewsmillError], analyzer: ArticleAnalyzer | None = None
) -> Iterator[Article | NewsmillError]:
    """The analysis step: language, entities, dates and events for each extracted article."""
    analyzer = analyzer or ArticleAnalyzer()
    for item in items:
        yield item if isinstance(item, NewsmillError) else analyzer.analyse(item).article
