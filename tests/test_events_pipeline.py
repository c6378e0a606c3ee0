"""The example page's events on newsmill's own analyses (tokenizer, morphology, NER, entity
merge, dates): the end-to-end check of issue 5.

Runs when the language layer's models are installed; until then it skips with the reason,
and `test_events_example.py` checks the same expectations on hand-made analyses.
"""

from __future__ import annotations

import datetime

import pytest

from newsmill.events import LatvianEventExtractor
from newsmill.record import DateMention
from tests.test_events_example import expected, unmatched


def _layer() -> tuple[object, object, object]:
    try:
        from newsmill.lang.lv.entity_merge import merge_mentions
        from newsmill.lang.lv.morphology import LatvianMorphology
        from newsmill.lang.lv.ner import LatvianNer

        return LatvianMorphology.load(), LatvianNer.load(), merge_mentions
    except (ImportError, OSError) as err:
        pytest.skip(f"Latvian language layer not installed yet ({type(err).__name__}: {err})")


def test_example_events_end_to_end() -> None:
    morphology, ner, merge_mentions = _layer()
    from newsmill.lang.lv.dates import LatvianDateResolver
    from newsmill.lang.lv.tokenize import split_sentences

    data = expected()
    text = "\n\n".join(data["paragraphs"])
    reference = datetime.date(2023, 9, 28)
    sentences = [morphology.tag(s) for s in split_sentences(text)]  # type: ignore[attr-defined]
    spans = [span for s in sentences for span in ner.find(s)]  # type: ignore[attr-defined]
    entities = merge_mentions(spans)  # type: ignore[operator]
    dates = [
        DateMention(d.text, d.value, d.start, d.end)
        for d in LatvianDateResolver(reference).find(text, sentences)
    ]
    events = LatvianEventExtractor.load().extract(text, sentences, entities, dates, reference)
    missing, extra = unmatched(events, data["events"])
    assert not missing, f"missing {missing}; got {events}"
    assert not extra, f"not in the text: {extra}"
