"""The SQLite schema, its version table and migrations, and how connections are opened.

WAL mode lets readers search while the one writer commits; the version table lets
a newer newsmill upgrade an older database in place (each migration in one transaction).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Each entry moves the schema from version i to i + 1; append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        input_hash TEXT NOT NULL,
        uri TEXT NOT NULL,
        url TEXT,
        title TEXT,
        publisher TEXT,
        domain TEXT,
        language TEXT NOT NULL,
        published TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        signature BLOB NOT NULL,
        shingles INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        duplicate_of INTEGER,
        duplicate_kind TEXT,
        similarity REAL,
        record BLOB NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_cluster ON articles(cluster_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        canonical INTEGER NOT NULL,
        size INTEGER NOT NULL
    );
    CREATE TABLE inputs (
        hash TEXT PRIMARY KEY,
        uri TEXT NOT NULL,
        status TEXT NOT NULL,
        article INTEGER
    ) WITHOUT ROWID;
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        input TEXT NOT NULL,
        step TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        UNIQUE(name, type)
    );
    CREATE TABLE mentions (
        article INTEGER NOT NULL,
        entity INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity);
    CREATE INDEX mentions_article ON mentions(article);
    CREATE TABLE dates (
        article INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX dates_article ON dates(article);
    CREATE TABLE merged_events (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        participants TEXT NOT NULL,
        names TEXT NOT NULL,
        place TEXT,
        date TEXT,
        mentions INTEGER NOT NULL
    );
    CREATE INDEX merged_events_key ON merged_events(type, participants);
    CREATE TABLE events (
        article INTEGER NOT NULL,
        merged INTEGER NOT NULL,
        type TEXT NOT NULL,
        participants TEXT NOT NULL,
        place TEXT,
        date TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL
    );
    CREATE INDEX events_article ON events(article);
    CREATE INDEX events_merged ON events(merged);
    CREATE VIRTUAL TABLE fts_text USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE VIRTUAL TABLE fts_lemmas USING fts5(title, body, content='');
    INSERT INTO fts_text(fts_text, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
    INSERT INTO fts_lemmas(fts_lemmas, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
    """,
    # 2: settings the stored data depends on; signatures of version 1 were SHA-1 shingles.
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO settings VALUES ('fingerprint', 'sha1-words4/affine32');
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_DB = "newsmill.db"


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every user of the store needs."""
    if readonly:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    else:
        conn = sqlite3.connect(path, timeout=30)
    conn.isolation_level = None  # transactions are explicit: BEGIN ... COMMIT
    conn.execute("PRAGMA busy_timeout = 30000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL loses at most the last commits on power loss, never corrupts.
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of the database, 0 when it has none (new or not ours)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to ``SCHEMA_VERSION``; returns the version it was at."""
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {before} is newer than this newsmill ({SCHEMA_VERSION})"
        )
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    for version in range(before, SCHEMA_VERSION):
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{MIGRATIONS[version]}\n"
            f"INSERT INTO schema_version VALUES ({version + 1});\nCOMMIT;"
        )
    return before
