"""The per-input work of an ingest: read, extract, analyse, fingerprint.

One ``InputProcessor`` lives in each worker process (the models load once there);
it returns plain records for the writer and never raises for a bad input, so a
batch always goes on. It does not know how it is scheduled.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from newsmill.dedup.fingerprint import Fingerprinter
from newsmill.errors import NewsmillError
from newsmill.lang.analyze import AnalysedArticle, ArticleAnalyzer
from newsmill.limits import DEFAULT_PAGE_SECONDS
from newsmill.pipeline import ArticleExtractor
from newsmill.read.files import DEFAULT_MAX_BYTES, read_documents
from newsmill.read.raw import RawDocument, Shard
from newsmill.record import Article
from newsmill.store.queries import encode_record
from newsmill.store.rows import IngestedArticle, QuarantinedRecord, SkippedInput, WorkItem
from newsmill.store.schema import connect

# The code of a record that was read and extracted but holds no article text.
NO_ARTICLE = "E012"
# The code of an unexpected exception in a step: a newsmill bug, retried on the next run.
STEP_CRASHED = "E999"


@dataclass(frozen=True)
class WorkUnit:
    """One input file, or one shard of a big archive: its records ``shard + 1``, ``shard +
    1 + shards``, ... (each shard reads the whole file, but decodes only its records)."""

    path: str
    shard: int = 0
    shards: int = 1


@dataclass(frozen=True)
class WorkSettings:
    """What a worker needs to know; picklable, so it crosses to worker processes."""

    db_path: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    page_seconds: float | None = DEFAULT_PAGE_SECONDS


def input_hash(raw: RawDocument) -> str:
    """The content hash that marks an input record as done, wherever the file lies."""
    digest = hashlib.sha256()
    for part in (raw.kind, raw.url or "", raw.text):
        digest.update(part.encode("utf-8", errors="surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def quarantined(
    source: str, step: str, code: str, reason: str, hash_: str | None = None
) -> QuarantinedRecord:
    key = hashlib.sha256(f"{source}\0{step}\0{code}\0{reason}".encode()).hexdigest()
    return QuarantinedRecord(key, source, step, code, reason, hash_)


def error_record(error: NewsmillError, step: str, hash_: str | None = None) -> QuarantinedRecord:
    return quarantined(error.source, step, error.code, error.reason, hash_)


def lemma_text(analysed: AnalysedArticle) -> str:
    """What the lemma index holds for the body: its lemmas. An article no analyser
    lemmatised leaves it empty: the text index already holds its words."""
    return " ".join(
        (token.lemma or token.text).lower()
        for sentence in analysed.sentences
        for token in sentence.tokens
    )


def title_lemmas(article: Article, analyzer: ArticleAnalyzer) -> str:
    """The title is not analysed with the body: a Latvian one is lemmatised the way queries
    are; any other stays out of the lemma index, like a body without lemmas."""
    if not article.title or article.language != "lv":
        return ""
    return " ".join(analyzer.query_lemmas(article.title))


class InputProcessor:
    def __init__(self, settings: WorkSettings) -> None:
        self.settings = settings
        self.extractor = ArticleExtractor(page_seconds=settings.page_seconds or None)
        self.analyzer = ArticleAnalyzer()
        self.fingerprinter = Fingerprinter()
        self._db: sqlite3.Connection | None = None

    def process_unit(self, unit: WorkUnit) -> Iterator[WorkItem]:
        """The records of one input file (a page, the lines of a JSONL, the pages of a WARC),
        or of its shard, as they are done."""
        shard = Shard(unit.shard, unit.shards)
        for document in read_documents(unit.path, max_bytes=self.settings.max_bytes, shard=shard):
            yield self.process_document(document)

    def process_documents(self, documents: Iterable[RawDocument | NewsmillError]) -> list[WorkItem]:
        return [self.process_document(document) for document in documents]

    def process_document(self, document: RawDocument | NewsmillError) -> WorkItem:
        if isinstance(document, NewsmillError):
            return error_record(document, "read")
        return self.process(document)

    def process(self, raw: RawDocument) -> WorkItem:
        hash_ = input_hash(raw)
        if self._stored(hash_):
            return SkippedInput(raw.uri)
        try:
            article = self.extractor.extract(raw)
        except NewsmillError as error:
            return error_record(error, "extract", hash_)
        except Exception as error:  # a bug: quarantined with its reason, retried next run
            return quarantined(raw.uri, "extract", STEP_CRASHED, _describe(error))
        if not article.text.strip():
            return quarantined(
                raw.uri, "extract", NO_ARTICLE, "no article text found (not an article?)", hash_
            )
        try:
            analysed = self.analyzer.analyse(article)
        except Exception as error:  # a bug: quarantined with its reason, retried next run
            return quarantined(raw.uri, "analyse", STEP_CRASHED, _describe(error))
        fingerprint = self.fingerprinter.fingerprint(article.text)
        title = title_lemmas(analysed.article, self.analyzer)
        record = encode_record(analysed.article)
        # The record holds everything; the writer's copy skips what only the record needs.
        light = replace(analysed.article, boilerplate=())
        return IngestedArticle(hash_, light, lemma_text(analysed), fingerprint, title, record)

    def _stored(self, hash_: str) -> bool:
        """Whether the store already has this input (a resumed run skips it before extracting)."""
        path = self.settings.db_path
        if path is None:
            return False
        if self._db is None:
            if not Path(path).exists():
                return False
            self._db = connect(path, readonly=True)
        try:
            row = self._db.execute("SELECT 1 FROM inputs WHERE hash = ?", (hash_,)).fetchone()
        except sqlite3.OperationalError:  # no schema yet: nothing is stored
            return False
        return row is not None


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}".splitlines()[0][:500]
