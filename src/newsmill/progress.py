"""A progress bar with rate and ETA for long runs, shown only to a person at a terminal.

rich draws it on stderr, so stdout stays clean for records; in a pipe or CI
nothing is drawn.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

# Fewer inputs than this finish before a bar is worth drawing.
MIN_INPUTS_FOR_A_BAR = 2


class Advance(Protocol):
    def __call__(self, inputs: int = 1, records: int = 0) -> None: ...


@contextmanager
def progress_bar(
    total: int, stream: TextIO, *, enabled: bool, unit: str = "inputs"
) -> Iterator[Advance]:
    """Yields a function to call as work is done: ``inputs`` finished (the bar and its
    ETA move), ``records`` handled within them (counted beside the bar, so a single
    big archive still shows its progress and rate)."""
    if not enabled or total < MIN_INPUTS_FOR_A_BAR:
        yield _ignore
        return
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    started = time.monotonic()
    records_done = 0
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("extracting", total=total, rate="")

        def advance(inputs: int = 1, records: int = 0) -> None:
            nonlocal records_done
            if inputs:
                bar.advance(task, inputs)
            records_done += records
            if records_done:
                per_second = records_done / max(time.monotonic() - started, 1e-9)
                rate = f"{records_done} records, {per_second:.1f}/s"
            else:
                speed = bar.tasks[0].speed
                rate = f"{speed:.1f} {unit}/s" if speed else ""
            bar.update(task, rate=rate)

        yield advance


def _ignore(inputs: int = 1, records: int = 0) -> None:
    return None
