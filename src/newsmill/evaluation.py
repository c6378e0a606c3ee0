"""The ScrapingHub article-extraction metric, written out so we own its details.

4-gram shingles of ``\\w+`` tokens; per document precision and recall of the
predicted shingle multiset against the gold one; both averaged over documents
and F1 taken of the averages. Documents too short for a 4-gram fall back to
their whole token tuple as one shingle, as the reference ``evaluate.py`` does.
Used by the benchmarks, the training script (to label lines) and the CI gate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def precision_recall(predicted: str, gold: str) -> tuple[float | None, float | None]:
    """Precision and recall of one document; ``None`` where the reference skips it.

    As in the reference, a document with no predicted shingle does not count
    towards precision, and one with no gold shingle not towards recall.
    """
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    precision = (1.0 if fp == fn == 0 else tp / (tp + fp)) if tp + fp else None
    recall = (1.0 if fp == fn == 0 else tp / (tp + fn)) if tp + fn else None
    return precision, recall


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    documents: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Average precision and recall over ``(predicted, gold)`` pairs."""
    ps: list[float] = []
    rs: list[float] = []
    documents = 0
    for predicted, gold in pairs:
        documents += 1
        p, r = precision_recall(predicted, gold)
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    return Score(precision, recall, documents)
