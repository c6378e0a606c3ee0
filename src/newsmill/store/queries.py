"""Questions to the store: top entities, merged events, one article, counts.

Read-only: a reader opens its own connection and, thanks to WAL, sees the last commit
while an ingest keeps writing.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass, fields
from pathlib import Path

import orjson

from newsmill.record import Article, join_paragraphs
from newsmill.store.rows import CorpusError
from newsmill.store.schema import connect, schema_version


@dataclass(frozen=True)
class EntityCount:
    name: str
    type: str
    articles: int
    mentions: int


@dataclass(frozen=True)
class MergedEvent:
    id: int
    type: str
    participants: tuple[str, ...]
    place: str | None
    date: str | None
    mentions: int
    sources: tuple[str, ...]  # article ids


def open_store(path: str | Path) -> sqlite3.Connection:
    """A read-only connection, or a one-line error when there is no corpus at ``path``."""
    if not Path(path).is_file():
        raise CorpusError(str(path), "no corpus database here (run newsmill ingest first)")
    conn = connect(path, readonly=True)
    try:
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorpusError(str(path), f"not a newsmill corpus database ({exc})") from None
    if version == 0:
        conn.close()
        raise CorpusError(str(path), "not a newsmill corpus database")
    return conn


def top_entities(
    conn: sqlite3.Connection, *, type_: str | None = None, name: str | None = None, limit: int = 20
) -> list[EntityCount]:
    rows = conn.execute(
        "SELECT e.name, e.type, count(DISTINCT m.article), count(*) FROM entities e"
        " JOIN mentions m ON m.entity = e.id"
        " WHERE (:type IS NULL OR e.type = :type COLLATE NOCASE)"
        " AND (:name IS NULL OR e.name LIKE '%' || :name || '%')"
        " GROUP BY e.id ORDER BY count(DISTINCT m.article) DESC, count(*) DESC, e.name"
        " LIMIT :limit",
        {"type": type_, "name": name, "limit": limit},
    ).fetchall()
    return [EntityCount(n, t, int(a), int(m)) for n, t, a, m in rows]


def merged_events(
    conn: sqlite3.Connection,
    *,
    participant: str | None = None,
    type_: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
) -> list[MergedEvent]:
    rows = conn.execute(
        "SELECT m.id, m.type, m.names, m.place, m.date, m.mentions,"
        " (SELECT json_group_array(DISTINCT a.id) FROM events e JOIN articles a"
        "  ON a.rowid = e.article WHERE e.merged = m.id)"
        " FROM merged_events m"
        " WHERE (:type IS NULL OR m.type = :type COLLATE NOCASE)"
        " AND (:who IS NULL OR m.participants LIKE '%' || lower(:who) || '%')"
        " AND (:from IS NULL OR m.date >= :from)"
        " AND (:to IS NULL OR substr(m.date, 1, length(:to)) <= :to)"
        " ORDER BY m.mentions DESC, m.date DESC, m.id LIMIT :limit",
        {"type": type_, "who": participant, "from": date_from, "to": date_to, "limit": limit},
    ).fetchall()
    return [
        MergedEvent(i, t, tuple(orjson.loads(names)), place, when, n, tuple(orjson.loads(sources)))
        for i, t, names, place, when, n, sources in rows
    ]


def get_article(conn: sqlite3.Connection, id_: str) -> Article | None:
    """An article by id, or by a unique prefix of its id."""
    rows = conn.execute(
        "SELECT record, text, id FROM articles WHERE id = ? OR id LIKE ? || '%' LIMIT 2",
        (id_, id_),
    ).fetchall()
    if not rows or (
        len(rows) > 1 and not conn.execute("SELECT 1 FROM articles WHERE id = ?", (id_,)).fetchone()
    ):
        return None
    exact = conn.execute("SELECT record, text, id FROM articles WHERE id = ?", (id_,)).fetchone()
    return decode_record(*(exact or rows[0]))


# zlib level 3: a tenth larger than level 6 at half its cost, and this runs per article.
RECORD_COMPRESSION = 3


def encode_record(article: Article) -> bytes:
    """The record, compressed, without what the text column holds already.

    Same JSON as ``Article.to_dict`` (less ``text``); orjson writes the nested dataclasses
    itself, eight times faster than ``json`` with a callback, and this runs per article.
    """
    data = {f.name: getattr(article, f.name) for f in fields(article)}
    if join_paragraphs(article.paragraphs).split("\n\n") == list(article.paragraphs):
        del data["paragraphs"]  # rebuilt from the text column
    return zlib.compress(orjson.dumps(data), RECORD_COMPRESSION)


def decode_record(blob: bytes, text: str, id_: str) -> Article:
    """The stored record; its id is the store's (a later copy's id gets a suffix)."""
    data = orjson.loads(zlib.decompress(blob))
    data["id"] = id_
    if "paragraphs" not in data:
        data["paragraphs"] = text.split("\n\n") if text else []
    return Article.from_dict(data)


def cluster_of(conn: sqlite3.Connection, id_: str) -> list[tuple[str, str | None, bool]]:
    """The articles of this article's cluster: (id, how it duplicates, is canonical)."""
    rows = conn.execute(
        "SELECT b.id, b.duplicate_kind, b.rowid = c.canonical FROM articles a"
        " JOIN articles b ON b.cluster_id = a.cluster_id JOIN clusters c ON c.id = a.cluster_id"
        " WHERE a.id = ? ORDER BY b.rowid",
        (id_,),
    ).fetchall()
    return [(i, kind, bool(canonical)) for i, kind, canonical in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    queries = {
        "articles": "SELECT count(*) FROM articles",
        "clusters": "SELECT count(*) FROM clusters",
        "duplicates": "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL",
        "quarantined": "SELECT count(*) FROM quarantine",
        "entities": "SELECT count(*) FROM entities",
        "events": "SELECT count(*) FROM merged_events",
    }
    return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in queries.items()}
