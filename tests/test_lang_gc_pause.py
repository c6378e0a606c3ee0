"""The analyser pauses the cyclic garbage collector for one article only: the collector's
state before the call is the state after it, also when the analysis raises."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from functools import cache

import pytest

from newsmill.gc_pause import gc_paused
from newsmill.lang.analyze import LatvianAnalyzer
from newsmill.lang.tokens import EntitySpan, Sentence
from newsmill.record import Article, Source

TEXT = "Haftars ceturtdien tikās ar Vladimiru Putinu Maskavā. Viņš to paziņoja 28.septembrī."


@cache
def analyzer() -> LatvianAnalyzer:
    return LatvianAnalyzer()


def article() -> Article:
    return Article(Source(uri="<test>", kind="text"), (TEXT,), published="2023-09-28")


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Run with the collector on, and leave it as it was found."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_off_during_the_analysis_and_on_again_after_it() -> None:
    seen: list[bool] = []
    latvian = analyzer()
    find_many = latvian.ner.find_many

    def spy(sentences: Sequence[Sentence]) -> list[list[EntitySpan]]:
        seen.append(gc.isenabled())
        return find_many(sentences)

    latvian.ner.find_many = spy  # type: ignore[method-assign]
    try:
        analysed = latvian.analyse(article())
    finally:
        del latvian.ner.find_many
    assert seen == [False]
    assert gc.isenabled()
    assert {e.name for e in analysed.article.entities} >= {"Vladimirs Putins", "Maskava"}


@pytest.mark.usefixtures("collector_on")
def test_the_collector_is_on_again_after_an_exception() -> None:
    latvian = analyzer()

    def broken(sentences: Sequence[Sentence]) -> list[list[EntitySpan]]:
        raise RuntimeError("broken model")

    latvian.ner.find_many = broken  # type: ignore[method-assign]
    try:
        with pytest.raises(RuntimeError, match="broken model"):
            latvian.analyse(article())
    finally:
        del latvian.ner.find_many
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        analyzer().analyse(article())
        assert not gc.isenabled()
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_nested_pauses_restore_the_outer_state() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block found it off and leaves it off
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_pause_changes_no_result() -> None:
    paused = analyzer().analyse(article())
    unpaused = analyzer()._analyse(article())
    assert paused == unpaused


@pytest.mark.usefixtures("collector_on")
def test_loading_settles_the_models_so_no_full_collection_lands_in_an_article() -> None:
    """Loading leaves many new long-lived objects (model tables, numba's import); the
    analyser collects once when it loads, so the full collection they would cause does not
    happen inside the first articles' analysis."""
    fresh = LatvianAnalyzer()
    generations: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    gc.callbacks.append(record)
    try:
        for _ in range(3):
            fresh.analyse(article())
            [[] for _ in range(20_000)]  # allocations after the pause, as a caller makes
    finally:
        gc.callbacks.remove(record)
    assert 2 not in generations
