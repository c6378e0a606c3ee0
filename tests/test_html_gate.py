"""CI quality gate: HTML extraction F1 on saved pages stays above a pinned floor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsmill import extract_text
from newsmill.evaluation import score

GATE = Path(__file__).parent / "data" / "gate"
# F1 was 0.925 on these pages when first pinned (floor 0.90); 0.957 with the page-structure
# features (2026-11-29), so the floor rose to 0.93: a real regression falls under it;
# 0.974 once text after HTML comments stayed in its block, so the floor rose to 0.95;
# 0.956 with table rows as blocks; 0.990 with the 400-tree model and figure captions
# moved to images (2026-11-30), so the floor is now 0.97.
F1_FLOOR = 0.97


def test_html_f1_on_saved_pages_stays_above_the_floor() -> None:
    gold = json.loads((GATE / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for key, truth in sorted(gold.items()):
        html = gzip.decompress((GATE / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        pairs.append((extract_text(html, uri=key).text, truth["articleBody"]))
    result = score(pairs)
    assert result.documents == 12
    assert result.f1 >= F1_FLOOR, f"HTML F1 {result.f1:.3f} fell under the floor {F1_FLOOR}"
