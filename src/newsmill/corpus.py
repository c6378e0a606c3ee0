"""The corpus from Python: ingest inputs into a store and ask it questions.

```python
corpus = newsmill.Corpus("news.db")
corpus.ingest(["pages/"], workers=2)
for hit in corpus.search("Putins", date_from="2023-09-01"):
    print(hit.title, hit.snippet)
```
The command line's corpus commands are thin wrappers over this class.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsmill.errors import NewsmillError
from newsmill.lang.analyze import ArticleAnalyzer
from newsmill.pipeline import ArticleExtractor, RunCounts, extract_all
from newsmill.read.files import iter_documents
from newsmill.record import Article, Event
from newsmill.run.ingest import IngestReport, ingest
from newsmill.run.work import WorkSettings
from newsmill.store import export as exports
from newsmill.store.queries import (
    EntityCount,
    MergedEvent,
    cluster_of,
    counts,
    get_article,
    merged_events,
    open_store,
    top_entities,
)
from newsmill.store.rows import CorpusError
from newsmill.store.schema import DEFAULT_DB
from newsmill.store.search import SearchFilters, SearchHit, search
from newsmill.store.writer import COMMIT_EVERY


class Corpus:
    def __init__(self, path: str | Path = DEFAULT_DB, analyzer: ArticleAnalyzer | None = None):
        self.path = Path(path)
        self._analyzer = analyzer
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def analyzer(self) -> ArticleAnalyzer:
        if self._analyzer is None:
            self._analyzer = ArticleAnalyzer()
        return self._analyzer

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = open_store(self.path)
        return self._conn

    def ingest(
        self,
        inputs: Iterable[str],
        workers: int | None = None,
        *,
        settings: WorkSettings | None = None,
        on_total: Callable[[int], None] | None = None,
        advance: Callable[[], None] | None = None,
        commit_every: int = COMMIT_EVERY,
        on_records: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read, extract, analyse, deduplicate and store; rerunning resumes."""
        return ingest(
            inputs,
            self.path,
            workers=workers,
            settings=settings,
            on_total=on_total,
            advance=advance,
            commit_every=commit_every,
            on_records=on_records,
        )

    def search(
        self,
        query: str,
        *,
        date_from: str | None = None,
        date_to: str | None = None,
        publisher: str | None = None,
        language: str | None = None,
        entity: str | None = None,
        limit: int = 10,
        collapse: bool = True,
    ) -> list[SearchHit]:
        """Ranked matches of every word of ``query``, in any inflected form (via lemmas)."""
        filters = SearchFilters(date_from, date_to, publisher, language, entity)
        lemmas = self.analyzer.query_lemmas(query)
        return search(self.conn, query.split(), lemmas, filters, limit, collapse=collapse)

    def entities(
        self, *, type: str | None = None, name: str | None = None, limit: int = 20
    ) -> list[EntityCount]:
        return top_entities(self.conn, type_=type, name=name, limit=limit)

    def events(
        self,
        *,
        participant: str | None = None,
        type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
    ) -> list[MergedEvent]:
        """Events merged across copies and independent reports, most reported first."""
        return merged_events(
            self.conn,
            participant=participant,
            type_=type,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )

    def get(self, id: str) -> Article:
        """An article by its id (or a unique prefix of it)."""
        article = get_article(self.conn, id)
        if article is None:
            raise CorpusError(id, f"no article with this id in {self.path}")
        return article

    def copies(self, id: str) -> list[tuple[str, str | None, bool]]:
        """The article's cluster: (id, exact/near/None, canonical?) for each member."""
        return cluster_of(self.conn, id)

    def counts(self) -> dict[str, int]:
        return counts(self.conn)

    def quarantine(self, limit: int = 100) -> list[tuple[str, str, str, str]]:
        """Quarantined records: (input, step, code, reason)."""
        rows = self.conn.execute(
            "SELECT input, step, code, reason FROM quarantine ORDER BY id LIMIT ?", (limit,)
        ).fetchall()
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def export(self, format: str, out: str | None = None) -> int:
        """Write every article as jsonl, csv (to ``out`` or stdout) or parquet (to ``out``)."""
        if format == "parquet":
            if out is None:
                raise CorpusError(str(self.path), "parquet export needs an output file (--out)")
            return exports.export_parquet(self.conn, out)
        if format not in ("jsonl", "csv"):
            raise CorpusError(
                format, f"unknown export format; use {', '.join(exports.EXPORT_FORMATS)}"
            )
        write = exports.export_jsonl if format == "jsonl" else exports.export_csv
        if out is None:
            return write(self.conn, sys.stdout)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return write(self.conn, stream)


def events_of_inputs(
    inputs: Iterable[str], errors: Callable[[NewsmillError], None] | None = None
) -> Iterator[tuple[Article, Event]]:
    """Extract and analyse the inputs and yield each event with its article (no store)."""
    analyzer = ArticleAnalyzer()
    for item in extract_all(iter_documents(inputs), RunCounts(), ArticleExtractor()):
        if isinstance(item, NewsmillError):
            if errors is not None:
                errors(item)
            continue
        article = analyzer.analyse(item).article
        for event in article.events:
            yield article, event
