"""An ingest run: inputs through the workers into the one writer, with counts.

The writer (this process) commits in batches; each input record is marked done in the
same transaction as its article, so a killed run resumes where it stopped.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsmill.errors import NewsmillError
from newsmill.read.files import (
    JSONL_SUFFIXES,
    STDIN,
    WARC_SUFFIXES,
    expand_inputs,
    read_documents,
)
from newsmill.run.local import default_workers, run_units
from newsmill.run.work import InputProcessor, WorkSettings, WorkUnit, error_record
from newsmill.store.rows import IngestedArticle, QuarantinedRecord, SkippedInput, WorkItem
from newsmill.store.writer import COMMIT_EVERY, StoreWriter

# Failures listed after a run; the quarantine table holds them all.
MAX_SHOWN_FAILURES = 20
# An archive or JSONL file at least this big is split over all workers (by record).
SPLIT_BYTES = 4 * 1024 * 1024


@dataclass
class IngestReport:
    inputs: int = 0
    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    seconds: float = 0.0
    workers: int = 1
    failures_by_step: Counter[str] = field(default_factory=Counter)
    first_failures: list[str] = field(default_factory=list)  # one line each, as shown

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    @property
    def nothing_read(self) -> bool:
        return self.stored == 0 and self.already_stored == 0

    def summary(self) -> str:
        failures = ", ".join(f"{step} {n}" for step, n in sorted(self.failures_by_step.items()))
        return (
            f"{self.inputs} inputs: {self.stored} articles stored, "
            f"{self.already_stored} already stored, {self.failed} quarantined"
            + (f" ({failures})" if failures else "")
            + f"; {self.exact_duplicates} exact and {self.near_duplicates} near duplicates; "
            f"{self.rate:.1f} articles/s with {self.workers} worker"
            + ("s" if self.workers != 1 else "")
        )


def ingest(
    inputs: Iterable[str],
    db_path: str | Path,
    *,
    workers: int | None = None,
    settings: WorkSettings | None = None,
    on_total: Callable[[int], None] | None = None,
    advance: Callable[[], None] | None = None,
    commit_every: int = COMMIT_EVERY,
    on_records: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every input into the database at ``db_path``; bad records are quarantined.

    Commits come every ``commit_every`` articles or every second, whichever is first.
    ``advance`` is called per finished input (or shard of one), ``on_records`` with the
    number of records of each batch written.
    """
    started = time.monotonic()
    workers = workers or default_workers()
    settings = settings or WorkSettings()
    settings = WorkSettings(str(db_path), settings.max_bytes, settings.page_seconds)
    with StoreWriter(db_path, commit_every=commit_every) as writer:
        expanded = list(expand_inputs(inputs))
        paths = [item for item in expanded if isinstance(item, str) and item != STDIN]
        units = work_units(paths, workers)
        # A worker process costs seconds to start: never more of them than units of work.
        workers = max(1, min(workers, len(units)))
        report = IngestReport(workers=workers)
        report.inputs = len(expanded)
        if on_total is not None:
            on_total(len(expanded) - len(paths) + len(units))
        for item in expanded:
            if isinstance(item, NewsmillError):
                _write(writer, [error_record(item, "read")], report)
                _tick(advance)
        if STDIN in expanded:
            documents = read_documents(STDIN, max_bytes=settings.max_bytes)
            _write(writer, InputProcessor(settings).process_documents(documents), report)
            _tick(advance)
        for items, finished in run_units(units, settings, workers):
            _write(writer, items, report)
            if on_records is not None and items:
                on_records(len(items))
            for _ in range(finished):
                _tick(advance)
        writer.commit()
        report.exact_duplicates = writer.counts["exact duplicates"]
        report.near_duplicates = writer.counts["near duplicates"]
    report.seconds = time.monotonic() - started
    return report


def work_units(paths: list[str], workers: int) -> list[WorkUnit]:
    """One unit per file; a big archive or JSONL file in one shard per worker, so a single
    crawl file keeps every core busy."""
    units: list[WorkUnit] = []
    for path in paths:
        shards = workers if workers > 1 and _big_container(path) else 1
        units.extend(WorkUnit(path, shard, shards) for shard in range(shards))
    return units


def _big_container(path: str) -> bool:
    if not path.lower().endswith(WARC_SUFFIXES + JSONL_SUFFIXES):
        return False
    try:
        return os.path.getsize(path) >= SPLIT_BYTES
    except OSError:
        return False  # the reader reports it


def _write(writer: StoreWriter, items: Iterable[WorkItem], report: IngestReport) -> None:
    for item in items:
        if isinstance(item, IngestedArticle):
            if writer.add(item) is None:
                report.already_stored += 1
            else:
                report.stored += 1
        elif isinstance(item, QuarantinedRecord):
            writer.quarantine(item)
            if len(report.first_failures) < MAX_SHOWN_FAILURES:
                report.first_failures.append(f"{item.input}: {item.reason} [{item.code}]")
            report.failed += 1
            report.failures_by_step[item.step] += 1
        elif isinstance(item, SkippedInput):
            report.already_stored += 1
    writer.commit_if_due()


def _tick(advance: Callable[[], None] | None) -> None:
    if advance is not None:
        advance()
