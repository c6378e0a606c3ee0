"""Exports of the stored articles: full records as JSON Lines, flat rows as CSV or Parquet.

Rows stream from the database in pages, so a large corpus exports in flat memory.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from typing import Any, TextIO

from newsmill.store.queries import decode_record

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
FLAT_COLUMNS = (
    "id",
    "url",
    "title",
    "publisher",
    "domain",
    "language",
    "published",
    "authors",
    "cluster",
    "canonical",
    "duplicate_kind",
    "uri",
    "text",
)
_BATCH = 1000


def iter_rows(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Each article's record, with where it stands among its duplicates."""
    cursor = conn.execute(
        "SELECT a.record, a.text, a.id, a.cluster_id, a.rowid = c.canonical, a.duplicate_kind"
        " FROM articles a"
        " JOIN clusters c ON c.id = a.cluster_id ORDER BY a.rowid"
    )
    while batch := cursor.fetchmany(_BATCH):
        for record, text, id_, cluster, canonical, kind in batch:
            data = decode_record(record, text, id_).to_dict()
            data["cluster"] = {"id": cluster, "canonical": bool(canonical), "duplicate": kind}
            yield data


def flat_row(data: dict[str, Any]) -> dict[str, Any]:
    publisher = data.get("publisher") or {}
    cluster = data["cluster"]
    return {
        "id": data["id"],
        "url": data.get("url"),
        "title": data.get("title"),
        "publisher": publisher.get("name"),
        "domain": publisher.get("domain"),
        "language": data.get("language"),
        "published": data.get("published"),
        "authors": "; ".join(data.get("authors", ())),
        "cluster": cluster["id"],
        "canonical": cluster["canonical"],
        "duplicate_kind": cluster["duplicate"],
        "uri": data["source"]["uri"],
        "text": data["text"],
    }


def export_jsonl(conn: sqlite3.Connection, out: TextIO) -> int:
    count = 0
    for data in iter_rows(conn):
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_csv(conn: sqlite3.Connection, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    count = 0
    for data in iter_rows(conn):
        writer.writerow(flat_row(data))
        count += 1
    return count


def export_parquet(conn: sqlite3.Connection, path: str) -> int:
    # pyarrow takes a while to import: only the parquet export pays for it.
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (
                name,
                pa.int64()
                if name == "cluster"
                else pa.bool_()
                if name == "canonical"
                else pa.string(),
            )
            for name in FLAT_COLUMNS
        ]
        + [("record", pa.string())]
    )
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for data in iter_rows(conn):
            batch.append({**flat_row(data), "record": json.dumps(data, ensure_ascii=False)})
            if len(batch) >= _BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
