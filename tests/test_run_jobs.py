"""Small files travel to the workers in jobs, and every unit is reported finished once."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmill.run import local
from newsmill.run.local import jobs_of, run_units
from newsmill.run.work import WorkSettings, WorkUnit
from newsmill.store.rows import IngestedArticle
from tests.corpus_samples import write_bad_inputs, write_stories


def test_small_files_are_grouped_and_shards_stand_alone(tmp_path: Path) -> None:
    paths = write_stories(tmp_path, 40)
    units = [WorkUnit(str(p)) for p in paths[:20]]
    units += [WorkUnit("big.warc.gz", shard, 2) for shard in range(2)]
    units += [WorkUnit(str(p)) for p in paths[20:]]
    jobs = list(jobs_of(units))
    # Every unit in exactly one job, in order.
    assert [u for job in jobs for u in job] == units
    assert all(len(job) <= local.JOB_UNITS for job in jobs)
    assert [len(job) for job in jobs] == [16, 4, 1, 1, 16, 4]


def test_a_job_stops_growing_at_its_byte_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_stories(tmp_path, 6)
    monkeypatch.setattr(local, "JOB_BYTES", paths[0].stat().st_size * 2)
    jobs = list(jobs_of([WorkUnit(str(p)) for p in paths]))
    assert all(1 <= len(job) <= 3 for job in jobs)
    assert sum(len(job) for job in jobs) == 6


def test_workers_report_every_unit_finished_once_with_all_records(tmp_path: Path) -> None:
    good = write_stories(tmp_path / "good", 23)
    bad = write_bad_inputs(tmp_path / "bad")
    units = [WorkUnit(str(p)) for p in [*good, *bad.values()]]
    batches = list(run_units(units, WorkSettings(), workers=2))
    assert sum(batch.finished for batch in batches) == len(units)
    items = [item for batch in batches for item in batch.items]
    stored = {item.article.source.uri for item in items if isinstance(item, IngestedArticle)}
    assert {str(p) for p in good} <= stored
    # The bad inputs come back too, as quarantine records, not lost.
    assert len(items) > len(good)
