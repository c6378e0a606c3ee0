"""The store: schema version and migrations, WAL, and what the writer keeps of a record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmill.dedup.fingerprint import Fingerprinter
from newsmill.record import Article, Entity, Event, Mention, Source, Span
from newsmill.store.queries import get_article, merged_events, open_store, top_entities
from newsmill.store.rows import CorpusError, IngestedArticle
from newsmill.store.schema import SCHEMA_VERSION, connect, migrate, schema_version
from newsmill.store.writer import StoreWriter
from tests.corpus_samples import story


def test_a_new_database_is_migrated_to_the_current_version_in_wal_mode(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    assert migrate(conn) == 0
    assert schema_version(conn) == SCHEMA_VERSION
    assert migrate(conn) == SCHEMA_VERSION  # a second run changes nothing
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "entities", "mentions", "dates", "events", "quarantine", "inputs"} <= tables
    assert {"clusters", "fts_text", "fts_lemmas", "schema_version"} <= tables


def test_a_database_from_a_newer_newsmill_is_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    migrate(conn)
    conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(RuntimeError, match="newer"):
        migrate(conn)


def test_readers_get_one_line_errors_for_missing_or_foreign_databases(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="run newsmill ingest first"):
        open_store(tmp_path / "absent.db")
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(CorpusError, match="not a newsmill corpus"):
        open_store(tmp_path / "other.db")


def _article(seed: int, uri: str, events: tuple[Event, ...] = ()) -> IngestedArticle:
    title, body = story(seed)
    text = "\n\n".join(body)
    article = Article(
        source=Source(uri=uri, kind="text"),
        paragraphs=tuple(body),
        id=f"id-{seed}",
        title=title,
        language="lv",
        published="2023-09-28",
        entities=(
            Entity("Vladimirs Putins", "PER", (Mention("Putinu", 0, 6), Mention("Putins", 9, 15))),
            Entity("Maskava", "LOC", (Mention("Maskavā", 20, 27),)),
        ),
        events=events,
    )
    return IngestedArticle(f"hash-{uri}", article, text.lower(), Fingerprinter().fingerprint(text))


def _meet(place: str | None, date: str | None) -> Event:
    return Event(
        "MEET", {"CAMEO": "040"}, ("Halifa Haftars", "Vladimirs Putins"), place, date, Span(0, 5)
    )


def test_the_writer_keeps_the_record_entities_and_merged_events(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with StoreWriter(db) as writer:
        writer.add(_article(1, "a", (_meet("Maskava", "2023-09-28"),)))
        # An independent report of the same meeting two days later in the same place: merged.
        writer.add(_article(2, "b", (_meet("Maskava", "2023-09-30"),)))
        # The same participants months later: another event.
        writer.add(_article(3, "c", (_meet("Maskava", "2024-01-15"),)))
        assert writer.add(_article(1, "a")) is None  # the same input again: not stored twice
    conn = open_store(db)
    stored = get_article(conn, "id-1")
    assert stored is not None and stored.entities[0].name == "Vladimirs Putins"
    assert stored.events == (_meet("Maskava", "2023-09-28"),)
    assert get_article(conn, "id-") is None  # an ambiguous prefix names nothing
    events = merged_events(conn, participant="putins")
    assert [(e.date, e.mentions, len(e.sources)) for e in events] == [
        ("2023-09-28", 2, 2),
        ("2024-01-15", 1, 1),
    ]
    assert events[0].participants == ("Halifa Haftars", "Vladimirs Putins")
    top = top_entities(conn, type_="PER")
    assert [(e.name, e.articles, e.mentions) for e in top] == [("Vladimirs Putins", 3, 6)]


def test_copies_in_a_cluster_merge_their_events_even_without_place_or_date(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    original = _article(4, "a", (_meet("Maskava", "2023-09-28"),))
    copy = _article(4, "b", (_meet(None, None),))  # same text: an exact duplicate
    with StoreWriter(db) as writer:
        writer.add(original)
        writer.add(copy)
    conn = open_store(db)
    (event,) = merged_events(conn)
    assert (event.mentions, event.place, event.date) == (2, "Maskava", "2023-09-28")
    ids = sorted(row[0] for row in conn.execute("SELECT id FROM articles"))
    assert ids[0] == "id-4" and ids[1].startswith("id-4-")  # the copy gets an id of its own


def test_a_file_that_is_not_a_database_gives_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello " * 100)
    with pytest.raises(CorpusError, match="not a newsmill corpus"):
        open_store(tmp_path / "notes.txt")
    with pytest.raises(CorpusError, match="cannot use this database"):
        StoreWriter(tmp_path / "notes.txt")


def test_a_store_fingerprinted_by_another_scheme_is_refingerprinted_on_open(
    tmp_path: Path,
) -> None:
    db = tmp_path / "c.db"
    with StoreWriter(db) as writer:
        writer.add(_article(5, "a"))
    conn = connect(db)
    (fresh,) = conn.execute("SELECT signature FROM articles").fetchone()
    # What a version-1 store holds: signatures of the old scheme, here made unusable.
    conn.execute("UPDATE articles SET signature = zeroblob(512)")
    conn.execute("UPDATE settings SET value = 'sha1-words4/affine32'")
    conn.close()
    with StoreWriter(db) as writer:
        # The copy is matched against the redone signature, so it is a duplicate of it.
        writer.add(_article(5, "b"))
    conn = connect(db)
    assert conn.execute("SELECT signature FROM articles WHERE rowid = 1").fetchone()[0] == fresh
    kinds = [row[0] for row in conn.execute("SELECT duplicate_kind FROM articles ORDER BY rowid")]
    assert kinds[1] is not None
    assert conn.execute("SELECT value FROM settings").fetchone()[0].startswith("crc32")
