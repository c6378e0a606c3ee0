"""Local executors: in this process, or over worker processes on all cores.

Both map one function over input paths and yield each path's results as they finish;
the caller (the one writer) never waits on a slow page while others are done. Workers
are spawned, not forked, so no parent state (database handles, threads) leaks into them.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from newsmill.run.work import InputProcessor, WorkSettings
from newsmill.store.rows import WorkItem

# Inputs queued per worker: enough to keep workers busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4

PARENT_CHECK_SECONDS = 1.0

# The processor of this worker process, made once by the pool's initializer.
_processor: InputProcessor | None = None


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_inputs(
    paths: Iterable[str], settings: WorkSettings, workers: int
) -> Iterator[tuple[str, list[WorkItem]]]:
    """``(path, items)`` for every path, in completion order."""
    if workers <= 1:
        processor = InputProcessor(settings)
        for path in paths:
            yield path, processor.process_path(path)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        pending: dict[Future[list[WorkItem]], str] = {}
        for path in paths:
            pending[pool.submit(_work, path)] = path
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _collect(pending, wait(pending, return_when=FIRST_COMPLETED).done)
        while pending:
            yield from _collect(pending, wait(pending, return_when=FIRST_COMPLETED).done)


def _collect(
    pending: dict[Future[list[WorkItem]], str], done: Iterable[Future[list[WorkItem]]]
) -> Iterator[tuple[str, list[WorkItem]]]:
    for future in done:
        yield pending.pop(future), future.result()


def _start_worker(settings: WorkSettings) -> None:
    global _processor
    _processor = InputProcessor(settings)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A killed ingest must not leave its workers behind: they leave when it is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _work(path: str) -> list[WorkItem]:
    assert _processor is not None, "worker started without its initializer"
    return _processor.process_path(path)
