"""Latvian date resolution: newsmill's `LatvianDateResolver` beside dateparser.

`score_dates(path)` reads a JSONL test set (`bench/data/lv-dates.jsonl`: sentence,
expression, start, end, reference, value, sent_id; value null for a negative) and runs both
systems on the same items:

- newsmill    `LatvianDateResolver(reference).find(sentence)`; an item is detected when a
              found expression overlaps the gold span, exact when one of those has the gold
              value; a negative is clean when nothing overlaps it.
- dateparser  `dateparser.parse(expression, languages=["lv"], settings={"RELATIVE_BASE":
              reference, "PREFER_DATES_FROM": "past"})`, the gold expression given to it
              already cut out (an advantage: it does no detection); compared at the gold's
              granularity (year, month, day, minute). A range gold needs two values, which
              one parse cannot give, so both systems are also scored without ranges.

`score_time_spans(path)` runs the finder over the `time` spans of a FullStack NER file
(CoNLL-2003 layout): how many of those spans it touches and how many of its finds touch one.
Those spans include durations and habits that have no calendar value, so recall there is
not a target. Usage: .venv/bin/python bench/_lv_dates.py [DATES.jsonl] [NER.conll2003]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_DATES = BENCH / "data" / "lv-dates.jsonl"
DEFAULT_NER = REPO.parent / "shared" / "data" / "lv" / "fullstack-ner" / "dev.conll2003"
NER_REFERENCE = dt.date(2015, 6, 15)  # the NER corpus has no dates; relative finds need one

if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from newsmill.lang.lv.dates import LatvianDateResolver  # noqa: E402


def load_items(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _granular(value: dt.datetime, gold: str) -> str:
    """dateparser's answer written at the precision of the gold value."""
    if "T" in gold:
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.strftime({4: "%Y", 7: "%Y-%m"}.get(len(gold), "%Y-%m-%d"))


def _newsmill(items: list[dict[str, Any]]) -> tuple[list[str | None], list[bool], float]:
    """Per item: the matching value found (or another overlapping one), detected?, seconds."""
    values: list[str | None] = []
    detected: list[bool] = []
    started = time.perf_counter()
    finds = [
        LatvianDateResolver(dt.date.fromisoformat(i["reference"])).find(i["sentence"])
        for i in items
    ]
    seconds = time.perf_counter() - started
    for item, found in zip(items, finds, strict=True):
        hits = [f for f in found if f.start < item["end"] and item["start"] < f.end]
        detected.append(bool(hits))
        exact = [f.value for f in hits if f.value == item["value"]]
        values.append(exact[0] if exact else hits[0].value if hits else None)
    return values, detected, seconds


def _dateparser(items: list[dict[str, Any]]) -> tuple[list[str | None], float] | None:
    try:
        import dateparser
    except ImportError:
        return None
    parse: Callable[..., dt.datetime | None] = dateparser.parse
    values: list[str | None] = []
    started = time.perf_counter()
    for item in items:
        base = dt.datetime.combine(dt.date.fromisoformat(item["reference"]), dt.time())
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        try:
            got = parse(item["expression"], languages=["lv"], settings=settings)
        except Exception:  # an anchor that raises just scores nothing on that item
            got = None
        gold = item["value"] or "0000-00-00"
        values.append(None if got is None else _granular(got, gold))
    return values, time.perf_counter() - started


def _accuracy(values: list[str | None], items: list[dict[str, Any]], ranges: bool) -> float:
    pairs = [
        (v, i["value"])
        for v, i in zip(values, items, strict=True)
        if i["value"] is not None and (ranges or "/" not in i["value"])
    ]
    return sum(v == g for v, g in pairs) / len(pairs) if pairs else 0.0


def score_dates(path: Path = DEFAULT_DATES) -> dict[str, Any]:
    """Exact-value accuracy and detection of newsmill and dateparser on one test set."""
    items = load_items(path)
    positives = [i for i in items if i["value"] is not None]
    values, detected, seconds = _newsmill(items)
    negatives = [d for d, i in zip(detected, items, strict=True) if i["value"] is None]
    result: dict[str, Any] = {
        "items": len(items),
        "expressions": len(positives),
        "ranges": sum("/" in i["value"] for i in positives),
        "negatives": len(negatives),
        "newsmill": {
            "exact": _accuracy(values, items, ranges=True),
            "exact_without_ranges": _accuracy(values, items, ranges=False),
            "detected": sum(d for d, i in zip(detected, items, strict=True) if i["value"])
            / len(positives),
            "negatives_clean": (len(negatives) - sum(negatives)) / len(negatives)
            if negatives
            else None,
            "expressions_per_s": len(items) / seconds if seconds else None,
            "errors": [
                {
                    "sent_id": i["sent_id"],
                    "expression": i["expression"],
                    "gold": i["value"],
                    "got": v,
                }
                for v, i in zip(values, items, strict=True)
                if v != i["value"] and not (i["value"] is None and v is None)
            ],
        },
    }
    anchor = _dateparser(positives)
    if anchor is not None:
        dp_values, dp_seconds = anchor
        result["dateparser"] = {
            "exact": _accuracy(dp_values, positives, ranges=True),
            "exact_without_ranges": _accuracy(dp_values, positives, ranges=False),
            "parsed": sum(v is not None for v in dp_values) / len(positives),
            "expressions_per_s": len(positives) / dp_seconds if dp_seconds else None,
        }
    return result


def _ner_time_spans(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(sentence text, character spans of its outer `time` entities) per sentence."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    text: str | None = None
    rows: list[list[str]] = []

    def flush() -> None:
        if text is None or not rows:
            return
        spans: list[tuple[int, int]] = []
        cursor, current = 0, None
        for row in rows:
            at = text.find(row[1], cursor)
            if at < 0:
                return
            cursor = at + len(row[1])
            tag = row[6]
            if tag == "B-time" or (tag == "I-time" and current is None):
                if current:
                    spans.append(current)
                current = (at, cursor)
            elif tag == "I-time" and current:
                current = (current[0], cursor)
            elif current:
                spans.append(current)
                current = None
        if current:
            spans.append(current)
        out.append((text, spans))

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                flush()
                rows = []
            else:
                rows.append(line.split("\t"))
    flush()
    return out


def score_time_spans(path: Path = DEFAULT_NER) -> dict[str, Any]:
    """Detection against NER `time` spans: recall of spans touched, precision of finds."""
    sentences = _ner_time_spans(path)
    resolver = LatvianDateResolver(NER_REFERENCE)
    gold = touched = found_total = found_good = tokens = 0
    started = time.perf_counter()
    finds = [resolver.find(text) for text, _ in sentences]
    seconds = time.perf_counter() - started
    for (text, spans), found in zip(sentences, finds, strict=True):
        tokens += len(text.split())
        gold += len(spans)
        touched += sum(any(f.start < e and s < f.end for f in found) for s, e in spans)
        found_total += len(found)
        found_good += sum(any(f.start < e and s < f.end for s, e in spans) for f in found)
    return {
        "sentences": len(sentences),
        "time_spans": gold,
        "recall": touched / gold if gold else 0.0,
        "found": found_total,
        "precision": found_good / found_total if found_total else 0.0,
        "tokens_per_s": tokens / seconds if seconds else None,
        "us_per_token": seconds / tokens * 1e6 if tokens else None,
    }


def main(argv: list[str]) -> int:
    dates = Path(argv[0]) if argv else DEFAULT_DATES
    ner = Path(argv[1]) if len(argv) > 1 else DEFAULT_NER
    result = {"dates": score_dates(dates), "ner_time_spans": score_time_spans(ner)}
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
