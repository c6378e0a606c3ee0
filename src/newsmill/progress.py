"""A progress bar with rate and ETA for long runs, shown only to a person at a terminal.

rich draws it on stderr, so stdout stays clean for records; in a pipe or CI
nothing is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

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


@contextmanager
def progress_bar(
    total: int, stream: TextIO, *, enabled: bool, unit: str = "inputs"
) -> Iterator[Callable[[], None]]:
    """Yields a function to call once per finished item."""
    if not enabled or total < MIN_INPUTS_FOR_A_BAR:
        yield lambda: None
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
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("extracting", total=total, rate="")

        def advance() -> None:
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f} {unit}/s" if speed else "")

        yield advance
