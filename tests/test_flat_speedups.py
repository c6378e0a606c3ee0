"""The vectorised shortcuts of the flat path give what the plain line-by-line code gives.

Splitting, the regex-free per-line features and the tree evaluation were rewritten for
speed; these tests hold them to straightforward reference versions on random pages full
of the awkward characters (odd spaces, digits of other scripts, closing quotes).
"""

from __future__ import annotations

import random
import re

import numpy as np

from newsmill.extract.lexicon import load_lexicon
from newsmill.extract.line_features import base_features
from newsmill.extract.lines import Line, split_lines
from newsmill.extract.oblivious_trees import ObliviousTrees

_PIECES = [
    *"ab Zc.!?…\"'”’»)]([“„«,:;|/©-*@_0123456789²٣\u00a0\t\x0c\u2028\u2003\u200b\u3000ĀŽß",
    "the",
    "Foto:",
    "12.05.2023",
    " 123",
    "  ",
    "\n",
    "\n\n",
    "\U0001d7d8",
]


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(size))


def _reference_split(text: str) -> list[Line]:
    """Line by line, as the first version did."""
    space = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
    lines: list[Line] = []
    offset, block, previous = 0, 0, -2
    for i, raw in enumerate(text.split("\n")):
        start, offset = offset, offset + len(raw) + 1
        folded = space.sub(" ", raw.strip()).strip()
        if not folded:
            continue
        if lines and i - previous > 1:
            block += 1
        previous = i
        lines.append(Line(len(lines), folded, start, start + len(raw), block))
    return lines


def test_split_lines_matches_the_line_by_line_reference() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        text = _random_text(rng, rng.randint(0, 40))
        assert split_lines(text) == _reference_split(text), repr(text)


def test_regex_free_columns_match_the_page_wide_regexes() -> None:
    """Sentence breaks (column 10) and trailing numbers (16), as page-wide scans count them."""
    breaks = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“„«(]?[A-ZÀ-ÖØ-ÞĀ-Ž]")
    trailing = re.compile(r"\s\d{1,6}$", re.M)
    lexicon = load_lexicon()
    rng = random.Random(11)
    for _ in range(1000):
        lines = split_lines(_random_text(rng, rng.randint(1, 60))) or split_lines("x")
        page = "\n".join(line.text for line in lines)
        starts = np.cumsum([0] + [len(line.text) + 1 for line in lines])[:-1]
        out = base_features(lines, lexicon)
        at_breaks = [m.start() for m in breaks.finditer(page)]
        at_trailing = [m.start() for m in trailing.finditer(page)]
        expected_breaks = np.minimum(_per_line(at_breaks, starts), 20)
        expected_trailing = _per_line(at_trailing, starts) > 0
        assert out[:, 10].tolist() == expected_breaks.tolist(), page
        assert out[:, 16].tolist() == expected_trailing.tolist(), page


def _per_line(positions: list[int], starts: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    n = starts.shape[0]
    found = np.searchsorted(starts, positions, side="right") - 1
    return np.bincount(found, minlength=n)[:n]


def test_trees_match_a_tree_by_tree_walk() -> None:
    rng = np.random.default_rng(3)
    n_trees, depth, n_features = 7, 3, 5
    trees = ObliviousTrees(
        features=rng.integers(0, n_features, n_trees * depth),
        borders=rng.choice([-0.5, 0.0, 0.5], n_trees * depth),
        leaves=rng.normal(size=n_trees * 2**depth),
        depth=depth,
        bias=0.25,
        n_features=n_features,
    )
    x = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0], size=(13, n_features))
    expected = np.full(x.shape[0], 0.0)
    for t in range(n_trees):
        leaf = np.zeros(x.shape[0], dtype=np.int64)
        for level in range(depth):
            split = t * depth + level
            leaf |= (x[:, trees.features[split]] > trees.borders[split]).astype(np.int64) << level
        expected += trees.leaves[t * 2**depth + leaf]
    assert trees.decision(x).tobytes() == (expected + 0.25).tobytes()
