"""The per-page time limit stops a slow page with a one-line error and the run goes on."""

from __future__ import annotations

import time

import pytest

from newsmill.errors import PageTimeout
from newsmill.limits import time_limit
from newsmill.pipeline import ArticleExtractor, RunCounts, extract_all
from newsmill.read.raw import RawDocument


def test_time_limit_raises_a_page_timeout_naming_the_input() -> None:
    expected = r"slow\.html: took longer than the 0\.05 s limit"
    with pytest.raises(PageTimeout, match=expected), time_limit(0.05, "slow.html"):
        time.sleep(1)


def test_no_limit_lets_the_block_finish() -> None:
    with time_limit(None, "x"):
        time.sleep(0.01)


def test_a_page_over_the_limit_is_reported_and_the_batch_goes_on() -> None:
    class SlowExtractor(ArticleExtractor):
        def _extract(self, raw: RawDocument):  # type: ignore[no-untyped-def]
            if raw.uri == "slow":
                time.sleep(2)
            return super()._extract(raw)

    text = "Pirmā rindkopa ir gara un pilna ar vārdiem, lai tā izskatītos pēc raksta teksta."
    docs = [RawDocument("slow", text, "text", "utf-8"), RawDocument("fast", text, "text", "utf-8")]
    counts = RunCounts()
    out = list(extract_all(docs, counts, SlowExtractor(page_seconds=0.2)))
    assert isinstance(out[0], PageTimeout)
    assert not isinstance(out[1], Exception)
    assert counts.failed == 1 and counts.extracted == 1
