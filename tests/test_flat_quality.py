"""Quality gate: the flattened-text extractor on benchmark pages keeps its F1.

Runs on a fixed slice of each flattened benchmark set in ../shared (skipped
with a reason when it is absent); floors sit a little under the measured
figures in bench/RESULTS.md so a real regression fails and noise does not.
"""

from __future__ import annotations

import json

import pytest

from newsmill import extract_text
from newsmill.evaluation import score

from .conftest import shared_dir

SLICE = 60
FLOORS = {"flattened-scrapinghub": 0.86, "flattened-wcxb-dev-articles": 0.88}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_flattened_f1_stays_above_floor(name: str) -> None:
    directory = shared_dir("bench", name)
    gold = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for key in sorted(gold)[-SLICE:]:
        text = (directory / "text" / f"{key}.txt").read_text(encoding="utf-8")
        pairs.append((extract_text(text).text, gold[key]["articleBody"]))
    result = score(pairs)
    assert result.f1 >= FLOORS[name], f"{name}: F1 {result.f1:.3f} < {FLOORS[name]}"
