"""Local executors: in this process, or over worker processes on all cores.

Both map the per-input work over work units and hand back results in batches as they
are done, so the one writer never waits on a slow page while others are finished, and a
big archive streams into the store instead of arriving whole at its end. Workers are
spawned, not forked, so no parent state (database handles, threads) leaks into them;
they send batches over one queue and end each unit with a marker on the same queue.
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
from typing import TypeAlias

from newsmill.run.work import InputProcessor, WorkSettings, WorkUnit
from newsmill.store.rows import WorkItem

# Units queued per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4
# Records a worker sends at once: the writer sees progress within a big archive.
BATCH_RECORDS = 32

PARENT_CHECK_SECONDS = 1.0
POLL_SECONDS = 0.2

# A batch of a unit's results, or None: the unit is finished.
Message: TypeAlias = tuple[int, list[WorkItem] | None]

# The processor and result queue of this worker process, made by the pool's initializer.
_processor: InputProcessor | None = None
_results: Queue[Message] | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_units(
    units: Iterable[WorkUnit], settings: WorkSettings, workers: int
) -> Iterator[tuple[WorkUnit, list[WorkItem], bool]]:
    """``(unit, items, finished)``: each unit's results in batches, the last batch of a
    unit (maybe empty) with ``finished`` set; units in completion order."""
    if workers <= 1:
        processor = InputProcessor(settings)
        for unit in units:
            items = processor.process_unit(unit)
            while batch := list(islice(items, BATCH_RECORDS)):
                yield unit, batch, False
            yield unit, [], True
        return
    context = multiprocessing.get_context("spawn")
    results: Queue[Message] = context.Queue()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings, results)
    ) as pool:
        pending: dict[int, tuple[WorkUnit, Future[None]]] = {}
        todo = enumerate(units)
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                numbered = next(todo, None)
                if numbered is None:
                    break
                number, unit = numbered
                pending[number] = (unit, pool.submit(_work, number, unit))
            if not pending:
                return
            _raise_failures(pending)
            try:
                number, received = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            unit = pending[number][0]
            if received is None:
                del pending[number]
                yield unit, [], True
            else:
                yield unit, received, False


def _raise_failures(pending: dict[int, tuple[WorkUnit, Future[None]]]) -> None:
    """A worker that died (or a bug outside the per-record guard) stops the run loudly."""
    for _unit, future in pending.values():
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


def _work(number: int, unit: WorkUnit) -> None:
    assert _processor is not None and _results is not None, "worker started without its setup"
    items = _processor.process_unit(unit)
    while batch := list(islice(items, BATCH_RECORDS)):
        _results.put((number, batch))
    _results.put((number, None))
