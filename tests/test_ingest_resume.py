"""Ingest: resume by content hash, quarantine of bad records, SIGKILL safety, live readers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsmill.cli import main
from newsmill.corpus import Corpus
from newsmill.run.ingest import ingest
from newsmill.store.rows import CorpusError
from newsmill.store.writer import StoreWriter
from tests.corpus_samples import write_bad_inputs, write_stories

NEWSMILL = [sys.executable, "-m", "newsmill.cli"]


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_rerun_skips_stored_inputs_and_stores_only_new_ones(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_stories(pages, 5)
    db = tmp_path / "c.db"
    first = ingest([str(pages)], db, workers=1)
    assert (first.stored, first.already_stored, first.failed) == (5, 0, 0)
    write_stories(pages, 2, start=100)
    second = ingest([str(pages)], db, workers=1)
    assert (second.stored, second.already_stored) == (2, 5)
    assert _rows(db, "SELECT count(*), count(DISTINCT input_hash) FROM articles") == [(7, 7)]


def test_a_moved_input_is_still_recognised_by_its_content(tmp_path: Path) -> None:
    write_stories(tmp_path / "a", 3)
    db = tmp_path / "c.db"
    ingest([str(tmp_path / "a")], db, workers=1)
    (tmp_path / "a").rename(tmp_path / "b")
    again = ingest([str(tmp_path / "b")], db, workers=1)
    assert (again.stored, again.already_stored) == (0, 3)


def test_bad_records_are_quarantined_with_step_and_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_bad_inputs(folder)
    write_stories(folder, 2)
    db = tmp_path / "c.db"
    report = ingest([str(folder)], db, workers=1)
    # Good records around the bad ones survive: 2 stories, 2 JSONL lines, 1 WARC page.
    assert report.stored == 5
    reasons = {Path(i).name: (step, code) for i, step, code, _ in Corpus(db).quarantine()}
    assert reasons == {
        "empty.txt": ("read", "E002"),
        "binary.txt": ("read", "E003"),
        "mixed.jsonl:2": ("read", "E008"),
        "cut.txt.gz": ("read", "E006"),
        "cut.warc.gz": ("read", "E006"),
    }
    # A rerun quarantines nothing twice.
    ingest([str(folder)], db, workers=1)
    assert _rows(db, "SELECT count(*) FROM quarantine") == [(5,)]


def test_a_page_without_article_text_is_quarantined_not_stored(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Sākums</a></nav></body></html>")
    report = ingest([str(page)], tmp_path / "c.db", workers=1)
    assert (report.stored, report.failed) == (0, 1)
    assert Corpus(tmp_path / "c.db").quarantine()[0][1:3] == ("extract", "E012")


def test_ingest_exits_non_zero_only_when_nothing_could_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_bad_inputs(tmp_path / "bad")
    db = str(tmp_path / "c.db")
    one = ["--db", db, "--workers", "1"]
    assert main(["ingest", str(bad["empty"]), str(bad["binary"]), *one]) == 1
    write_stories(tmp_path / "good", 1)
    assert main(["ingest", str(bad["empty"]), str(tmp_path / "good"), *one]) == 0
    err = capsys.readouterr().err
    assert "1 articles stored" in err and "1 quarantined (read 1)" in err
    assert "Traceback" not in err


def test_a_second_writer_is_refused_with_one_line(tmp_path: Path) -> None:
    with StoreWriter(tmp_path / "c.db"), pytest.raises(CorpusError, match="another newsmill"):
        StoreWriter(tmp_path / "c.db")
    # The lock file goes with its writer, and the next writer takes the lock again.
    assert not (tmp_path / "c.db.lock").exists()
    with StoreWriter(tmp_path / "c.db"):
        assert (tmp_path / "c.db.lock").exists()
    assert not (tmp_path / "c.db.lock").exists()


def test_sigkill_mid_run_then_rerun_stores_every_input_exactly_once(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_stories(pages, 60, paragraphs=12)
    db = tmp_path / "c.db"
    # Small batches: commits all through the run, so the kill lands between two of them.
    command = [*NEWSMILL, "ingest", str(pages), "--db", str(db), "-w", "2", "-q", "--batch", "3"]
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    stored_at_kill = _wait_for_rows(db, process)
    workers = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)  # the writer only: its workers must notice and leave
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert len(workers) >= 2  # the workers (and the resource tracker of multiprocessing)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived their killed ingest"
    assert stored_at_kill > 0
    after_kill = _rows(db, "SELECT count(*) FROM articles")[0][0]
    assert isinstance(after_kill, int) and after_kill < 60, "the run finished before the kill"

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert _rows(
        db, "SELECT count(*), count(DISTINCT uri), count(DISTINCT input_hash) FROM articles"
    ) == [(60, 60, 60)]
    assert _rows(db, "SELECT count(*) FROM inputs WHERE status = 'stored'") == [(60,)]
    assert _rows(db, "SELECT count(*) FROM fts_text WHERE fts_text MATCH 'ministrs OR valdība'")[0][
        0
    ]
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _wait_for_rows(db: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                count = _rows(db, "SELECT count(*) FROM articles")[0][0]
            except sqlite3.OperationalError:
                count = 0
            if isinstance(count, int) and count > 0:
                return count
        time.sleep(0.02)
    raise AssertionError("no rows appeared before the ingest ended")


def test_a_reader_searches_while_an_ingest_writes(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    write_stories(pages, 40, paragraphs=20)
    db = tmp_path / "c.db"
    command = [*NEWSMILL, "ingest", str(pages), "--db", str(db), "-w", "1", "-q", "--batch", "3"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    seen: list[int] = []
    while process.poll() is None:
        if (
            db.exists()
            and _rows(db, "SELECT count(*) FROM sqlite_master WHERE name='articles'")[0][0]
        ):
            with Corpus(db) as corpus:
                seen.append(len(corpus.search("ministrs", limit=100, collapse=False)))
        time.sleep(0.05)
    assert process.returncode == 0
    with Corpus(db) as corpus:
        final = len(corpus.search("ministrs", limit=100, collapse=False))
    assert seen, "the ingest ended before a reader could search"
    assert seen == sorted(seen) and max(seen) <= final
    assert final > 0
