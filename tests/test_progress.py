"""The progress bar counts inputs and stays out of pipes."""

from __future__ import annotations

import io

from newsmill.progress import progress_bar


def test_bar_counts_every_finished_input() -> None:
    stream = io.StringIO()
    with progress_bar(3, stream, enabled=True) as advance:
        for _ in range(3):
            advance()


def test_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    with progress_bar(100, stream, enabled=False) as advance:
        advance()
    assert stream.getvalue() == ""
