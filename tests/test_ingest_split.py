"""A big archive is split over the workers by record, and every record is stored once."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmill.run import ingest as ingest_module
from newsmill.run.ingest import ingest, work_units
from newsmill.run.work import WorkUnit
from newsmill.store.queries import open_store
from tests.corpus_samples import story


def _html(seed: int) -> bytes:
    title, body = story(seed)
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _warc(path: Path, pages: int) -> Path:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for seed in range(pages):
        body = _html(100 + seed)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.lv/{seed}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
        if seed == 3:  # a record that is not a page is skipped whichever shard meets it
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://example.lv/a.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG"),
                    length=4,
                    http_headers=image,
                )
            )
    path.write_bytes(buffer.getvalue())
    return path


def test_only_big_archives_and_jsonl_files_are_split(tmp_path: Path) -> None:
    small = tmp_path / "small.warc.gz"
    small.write_bytes(gzip.compress(b"WARC/1.0\r\n"))
    big = tmp_path / "big.jsonl"
    big.write_text(json.dumps({"text": "x" * 100}) + "\n")
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>" * 10)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest_module, "SPLIT_BYTES", 1000)
        assert work_units([str(small), str(page)], 2) == [WorkUnit(str(small)), WorkUnit(str(page))]
        patch.setattr(ingest_module, "SPLIT_BYTES", 10)
        assert work_units([str(big)], 3) == [WorkUnit(str(big), k, 3) for k in range(3)]
        assert work_units([str(big)], 1) == [WorkUnit(str(big))]


def test_a_split_archive_stores_every_page_once_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "SPLIT_BYTES", 1)
    archive = _warc(tmp_path / "crawl.warc.gz", 9)
    lines = [
        json.dumps({"html": _html(200 + n).decode(), "url": f"https://x.lv/{n}"}) for n in range(5)
    ]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("\n".join(lines) + "\n{broken\n")
    db = tmp_path / "c.db"
    ticks: list[int] = []
    records: list[int] = []
    report = ingest(
        [str(archive), str(corpus)],
        db,
        workers=2,
        advance=lambda: ticks.append(1),
        on_records=records.append,
    )
    assert report.workers == 2 and len(ticks) == 4  # two shards of each file
    assert sum(records) == 15  # every record reported as its batch is written
    assert (report.stored, report.failed) == (14, 1)  # the broken JSONL line, once
    conn = open_store(db)
    uris = sorted(row[0] for row in conn.execute("SELECT uri FROM articles"))
    assert uris == sorted(
        [f"{archive}#{n}" for n in (1, 2, 3, 4, 6, 7, 8, 9, 10)]
        + [f"{corpus}:{n}" for n in range(1, 6)]
    )
    again = ingest([str(archive), str(corpus)], db, workers=2)
    assert (again.stored, again.already_stored) == (0, 14)
