"""The store's one writer: articles with their entities, dates, events and clusters.

Everything an input leaves behind (its article rows and its ``inputs`` marker) is
written in the same transaction, so a run killed at any moment has either stored an
input completely or not at all, and a rerun skips exactly the stored ones. A lock
file keeps a second writer out: the duplicate index lives in this process.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import IO

from newsmill.dedup.clusters import DuplicateIndex, DuplicateMatch
from newsmill.dedup.events import EventKey, event_key, same_event
from newsmill.dedup.fingerprint import SCHEME as FINGERPRINT_SCHEME
from newsmill.dedup.fingerprint import Fingerprinter
from newsmill.record import Article, Event, article_id
from newsmill.store.queries import encode_record
from newsmill.store.rows import CorpusError, IngestedArticle, QuarantinedRecord
from newsmill.store.schema import connect, migrate

COMMIT_EVERY = 200
COMMIT_SECONDS = 1.0


class StoreWriter:
    def __init__(self, path: str | Path, *, commit_every: int = COMMIT_EVERY) -> None:
        self.path = Path(path)
        self.commit_every = max(1, commit_every)
        self._lock = _take_lock(self.path)
        try:
            self.conn = connect(self.path)
            migrate(self.conn)
        except (sqlite3.DatabaseError, RuntimeError) as exc:
            _release_lock(self.path, self._lock)
            raise CorpusError(str(path), f"cannot use this database ({exc})") from None
        self._refingerprint_if_stale()
        self.index = DuplicateIndex()
        for rowid, text_hash, signature, shingles in self.conn.execute(
            "SELECT rowid, text_hash, signature, shingles FROM articles ORDER BY rowid"
        ):
            self.index.add(rowid, text_hash, signature, shingles)
        self.counts: Counter[str] = Counter()
        self._entities: dict[tuple[str, str], int] = {}
        self._pending = 0
        self._since = time.monotonic()
        self._in_transaction = False

    def _refingerprint_if_stale(self) -> None:
        """Signatures made by another scheme cannot be compared with new ones: redo them."""
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'fingerprint'").fetchone()
        if row is not None and row[0] == FINGERPRINT_SCHEME:
            return
        fingerprinter = Fingerprinter()
        self.conn.execute("BEGIN IMMEDIATE")
        rows = self.conn.execute("SELECT rowid, text FROM articles").fetchall()
        for rowid, text in rows:
            fp = fingerprinter.fingerprint(text)
            self.conn.execute(
                "UPDATE articles SET text_hash = ?, signature = ?, shingles = ? WHERE rowid = ?",
                (fp.text_hash, fp.signature, fp.shingles, rowid),
            )
        self.conn.execute(
            "INSERT OR REPLACE INTO settings VALUES ('fingerprint', ?)", (FINGERPRINT_SCHEME,)
        )
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.commit()
        self.conn.close()
        _release_lock(self.path, self._lock)

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions -----------------------------------------------------------------

    def _begin(self) -> None:
        if not self._in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self._in_transaction = True
            self._since = time.monotonic()

    def commit(self) -> None:
        if self._in_transaction:
            self.conn.execute("COMMIT")
            self._in_transaction = False
            self._pending = 0

    def commit_if_due(self) -> None:
        """Commit in batches: often enough that readers see progress, rarely enough to be fast."""
        if self._pending >= self.commit_every or (
            self._pending and time.monotonic() - self._since >= COMMIT_SECONDS
        ):
            self.commit()

    # --- writing ----------------------------------------------------------------------

    def has_input(self, input_hash: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM inputs WHERE hash = ?", (input_hash,)).fetchone()
        return row is not None

    def quarantine(self, record: QuarantinedRecord) -> bool:
        self._begin()
        self._pending += 1
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO quarantine(key, input, step, code, reason) VALUES (?,?,?,?,?)",
            (record.key, record.input, record.step, record.code, record.reason),
        )
        if record.input_hash:
            self.conn.execute(
                "INSERT OR IGNORE INTO inputs(hash, uri, status) VALUES (?, ?, 'quarantined')",
                (record.input_hash, record.input),
            )
        added = cursor.rowcount > 0
        if added:
            self.counts["quarantined"] += 1
        return added

    def add(self, item: IngestedArticle) -> int | None:
        """Store one article; None when its input is already stored."""
        self._begin()
        if self.has_input(item.input_hash):
            self.counts["already stored"] += 1
            return None
        self._pending += 1
        article = self._with_unique_id(item.article, item.input_hash)
        fp = item.fingerprint
        match = self.index.match(fp)
        rowid = self._insert_article(item, article, match)
        self._join_cluster(rowid, fp.shingles, match)
        self.conn.execute(
            "INSERT INTO fts_text(rowid, title, text) VALUES (?, ?, ?)",
            (rowid, article.title or "", article.text),
        )
        if item.lemmas or item.title_lemmas:  # analysed articles only: see search.py
            self.conn.execute(
                "INSERT INTO fts_lemmas(rowid, title, body) VALUES (?, ?, ?)",
                (rowid, item.title_lemmas, item.lemmas),
            )
        self._insert_analysis(rowid, article)
        self.conn.execute(
            "INSERT INTO inputs(hash, uri, status, article) VALUES (?, ?, 'stored', ?)",
            (item.input_hash, article.source.uri, rowid),
        )
        self.index.add(rowid, fp.text_hash, fp.signature, fp.shingles)
        self.counts["stored"] += 1
        if match is not None:
            self.counts[f"{match.kind} duplicates"] += 1
        return rowid

    def _with_unique_id(self, article: Article, input_hash: str) -> Article:
        """Copies share a URL or text, hence an id; later copies get their input's hash."""
        base = article.id or article_id(article.url, article.text)
        taken = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (base,)).fetchone()
        return replace(article, id=f"{base}-{input_hash[:8]}" if taken else base)

    def _insert_article(
        self, item: IngestedArticle, article: Article, match: DuplicateMatch | None
    ) -> int:
        record = item.record or encode_record(article)
        publisher = article.publisher
        cursor = self.conn.execute(
            "INSERT INTO articles(id, input_hash, uri, url, title, publisher, domain, language,"
            " published, text, text_hash, signature, shingles, cluster_id, duplicate_of,"
            " duplicate_kind, similarity, record)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?)",
            (
                article.id,
                item.input_hash,
                article.source.uri,
                article.url,
                article.title,
                publisher.name if publisher else None,
                publisher.domain if publisher else None,
                article.language,
                article.published,
                article.text,
                item.fingerprint.text_hash,
                item.fingerprint.signature,
                item.fingerprint.shingles,
                match.rowid if match else None,
                match.kind if match else None,
                match.similarity if match else None,
                record,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _join_cluster(self, rowid: int, shingles: int, match: DuplicateMatch | None) -> None:
        """A copy joins its original's cluster; the longest member is the canonical one."""
        if match is None:
            self.conn.execute(
                "INSERT INTO clusters(id, canonical, size) VALUES (?, ?, 1)", (rowid, rowid)
            )
            self.conn.execute("UPDATE articles SET cluster_id = ? WHERE rowid = ?", (rowid, rowid))
            return
        cluster, canonical, canonical_shingles = self.conn.execute(
            "SELECT c.id, c.canonical, a.shingles FROM articles m"
            " JOIN clusters c ON c.id = m.cluster_id JOIN articles a ON a.rowid = c.canonical"
            " WHERE m.rowid = ?",
            (match.rowid,),
        ).fetchone()
        if shingles > canonical_shingles:
            canonical = rowid
        self.conn.execute(
            "UPDATE clusters SET size = size + 1, canonical = ? WHERE id = ?", (canonical, cluster)
        )
        self.conn.execute("UPDATE articles SET cluster_id = ? WHERE rowid = ?", (cluster, rowid))

    def _insert_analysis(self, rowid: int, article: Article) -> None:
        for entity in article.entities:
            entity_id = self._entity_id(entity.name, entity.type)
            self.conn.executemany(
                "INSERT INTO mentions(article, entity, text, start, end) VALUES (?,?,?,?,?)",
                [(rowid, entity_id, m.text, m.start, m.end) for m in entity.mentions],
            )
        self.conn.executemany(
            "INSERT INTO dates(article, text, value, start, end) VALUES (?,?,?,?,?)",
            [(rowid, d.text, d.value, d.start, d.end) for d in article.dates],
        )
        for event in article.events:
            self._insert_event(rowid, event)

    def _entity_id(self, name: str, kind: str) -> int:
        key = (name, kind)
        if key not in self._entities:
            self.conn.execute("INSERT OR IGNORE INTO entities(name, type) VALUES (?, ?)", key)
            row = self.conn.execute(
                "SELECT id FROM entities WHERE name = ? AND type = ?", key
            ).fetchone()
            self._entities[key] = int(row[0])
        return self._entities[key]

    def _insert_event(self, rowid: int, event: Event) -> None:
        names = json.dumps(list(event.participants), ensure_ascii=False)
        merged = self._merged_event(rowid, event_key(event), names)
        self.conn.execute(
            "INSERT INTO events(article, merged, type, participants, place, date, start, end)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (
                rowid,
                merged,
                event.type,
                names,
                event.place,
                event.date,
                event.evidence.start,
                event.evidence.end,
            ),
        )

    def _merged_event(self, rowid: int, key: EventKey, names: str) -> int:
        """The merged event this report belongs to, made when it is the first report."""
        (cluster,) = self.conn.execute(
            "SELECT cluster_id FROM articles WHERE rowid = ?", (rowid,)
        ).fetchone()
        candidates = self.conn.execute(
            "SELECT m.id, m.place, m.date, EXISTS(SELECT 1 FROM events e JOIN articles a"
            " ON a.rowid = e.article WHERE e.merged = m.id AND a.cluster_id = ?)"
            " FROM merged_events m WHERE m.type = ? AND m.participants = ?",
            (cluster, key.type, key.participants),
        ).fetchall()
        for merged, place, when, in_cluster in candidates:
            other = EventKey(key.type, key.participants, place, when)
            if same_event(key, other, same_cluster=bool(in_cluster)):
                self.conn.execute(
                    "UPDATE merged_events SET mentions = mentions + 1,"
                    " place = coalesce(place, ?), date = coalesce(date, ?) WHERE id = ?",
                    (key.place, key.date, merged),
                )
                return int(merged)
        cursor = self.conn.execute(
            "INSERT INTO merged_events(type, participants, names, place, date, mentions)"
            " VALUES (?, ?, ?, ?, ?, 1)",
            (key.type, key.participants, names, key.place, key.date),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _take_lock(path: Path) -> IO[bytes]:
    """An exclusive lock beside the database, released by the OS even on SIGKILL.

    The writer removes the file when it closes; a lock taken on a file that another
    writer removed meanwhile is not a lock on the current file, so it is taken again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = _lock_path(path)
    for _attempt in range(5):
        lock = open(lock_path, "ab")  # noqa: SIM115 - held for the writer's lifetime
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise CorpusError(
                str(path), "another newsmill ingest is writing to this database"
            ) from None
        try:
            current = os.stat(lock_path).st_ino == os.fstat(lock.fileno()).st_ino
        except FileNotFoundError:
            current = False
        if current:
            os.set_inheritable(lock.fileno(), False)
            return lock
        lock.close()
    raise CorpusError(str(path), "could not take the writer's lock file")


def _release_lock(path: Path, lock: IO[bytes]) -> None:
    """Remove the lock file while still holding it, so no file is left behind."""
    _lock_path(path).unlink(missing_ok=True)
    lock.close()
