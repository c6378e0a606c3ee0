"""Local executors: in this process, or over worker processes on all cores.

Both map the per-input work over work units and hand back results in batches as they
are done, so the one writer never waits on a slow page while others are finished, and a
big archive streams into the store instead of arriving whole at its end. Workers are
spawned, not forked, so no parent state (database handles, threads) leaks into them;
they send batches over one queue, each batch saying how many units it finishes.

Small files travel to the workers in jobs of several units: a news page is a few
milliseconds of work, and handing out each one alone cost the writer's process more
in task and queue traffic than the writing itself.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing.queues import Queue
from typing import NamedTuple, TypeAlias

from newsmill.run.work import InputProcessor, WorkSettings, WorkUnit
from newsmill.store.rows import WorkItem

# Jobs queued per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 3
# Records a worker sends at once: the writer sees progress within a big archive.
BATCH_RECORDS = 32
# A job holds at most this many units, and stops growing once its files pass this size.
JOB_UNITS = 16
JOB_BYTES = 1024 * 1024

PARENT_CHECK_SECONDS = 1.0
POLL_SECONDS = 0.2

# A batch of a job's results and how many of its units the batch finishes; a job whose
# units are all finished is done.
Message: TypeAlias = tuple[int, list[WorkItem], int]

# The processor and result queue of this worker process, made by the pool's initializer.
_processor: InputProcessor | None = None
_results: Queue[Message] | None = None


class Batch(NamedTuple):
    """Results as they come back: ``finished`` units are complete with this batch."""

    items: list[WorkItem]
    finished: int


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def jobs_of(units: Iterable[WorkUnit]) -> Iterator[tuple[WorkUnit, ...]]:
    """Consecutive units grouped into jobs; a shard of a big archive is a job of its own."""
    job: list[WorkUnit] = []
    size = 0
    for unit in units:
        if unit.shards > 1:
            if job:
                yield tuple(job)
                job, size = [], 0
            yield (unit,)
            continue
        job.append(unit)
        size += _size(unit.path)
        if len(job) >= JOB_UNITS or size >= JOB_BYTES:
            yield tuple(job)
            job, size = [], 0
    if job:
        yield tuple(job)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the reader reports it


def run_units(units: Iterable[WorkUnit], settings: WorkSettings, workers: int) -> Iterator[Batch]:
    """Each unit's results in batches, in completion order; every unit is counted as
    finished by exactly one batch (maybe an empty one)."""
    if workers <= 1:
        processor = InputProcessor(settings)
        for unit in units:
            items = processor.process_unit(unit)
            while batch := list(islice(items, BATCH_RECORDS)):
                yield Batch(batch, 0)
            yield Batch([], 1)
        return
    context = multiprocessing.get_context("spawn")
    results: Queue[Message] = context.Queue()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings, results)
    ) as pool:
        # Per job in flight: its future and how many of its units are still unfinished.
        pending: dict[int, tuple[Future[None], int]] = {}
        todo = enumerate(jobs_of(units))
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                numbered = next(todo, None)
                if numbered is None:
                    break
                number, job = numbered
                pending[number] = (pool.submit(_work, number, job), len(job))
            if not pending:
                return
            _raise_failures(pending)
            try:
                number, received, finished = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if finished:
                future, unfinished = pending[number]
                if unfinished == finished:
                    del pending[number]
                else:
                    pending[number] = (future, unfinished - finished)
            yield Batch(received, finished)


def _raise_failures(pending: dict[int, tuple[Future[None], int]]) -> None:
    """A worker that died (or a bug outside the per-record guard) stops the run loudly."""
    for future, _unfinished in pending.values():
        if future.done() and future.exception() is not None:
            future.result()


def _start_worker(settings: WorkSettings, results: Queue[Message]) -> None:
    global _processor, _results
    _processor = InputProcessor(settings)
    _results = results
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A killed ingest must not leave its workers behind: they leave when it is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _work(number: int, job: tuple[WorkUnit, ...]) -> None:
    """Sends the job's records in batches; small units share a batch, and each batch says
    how many units it completes."""
    assert _processor is not None and _results is not None, "worker started without its setup"
    batch: list[WorkItem] = []
    finished = 0
    for unit in job:
        for item in _processor.process_unit(unit):
            batch.append(item)
            if len(batch) >= BATCH_RECORDS:
                _results.put((number, batch, finished))
                batch, finished = [], 0
        finished += 1
    _results.put((number, batch, finished))
