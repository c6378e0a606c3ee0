"""The progress bar counts inputs and records, and stays out of pipes."""

from __future__ import annotations

import io

import pytest

from newsmill.progress import progress_bar


def test_bar_counts_inputs_and_the_records_within_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # draw as on a terminal, into the buffer
    stream = io.StringIO()
    with progress_bar(3, stream, enabled=True) as advance:
        advance()
        advance(0, 40)  # records of an input still being read (a big archive)
        advance()
    drawn = stream.getvalue()
    assert "2/3" in drawn
    assert "40 records" in drawn


def test_disabled_bar_writes_nothing() -> None:
    stream = io.StringIO()
    with progress_bar(100, stream, enabled=False) as advance:
        advance()
    assert stream.getvalue() == ""
