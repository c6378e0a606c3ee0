"""Probability that each flattened line belongs to the article.

Shipped oblivious trees judge a line by its shape, its block's and its
neighbours' shapes, and where it stands relative to the page's main prose.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.line_features import FloatArray, line_features
from newsmill.extract.lines import Line
from newsmill.extract.oblivious_trees import ObliviousTrees, load_model

MODEL_FILE = "flat-lines.json"
# Pages have hundreds of lines; past this many the input is classified in chunks.
CHUNK_LINES = 5000


class LineClassifier:
    def __init__(self, model: dict[str, Any], lexicon: BoilerplateLexicon | None = None) -> None:
        self.trees = ObliviousTrees.from_dict(model["trees"])
        self.threshold = float(model.get("threshold", 0.5))
        self.lexicon = lexicon or load_lexicon()

    @classmethod
    def from_file(cls, path: Path) -> LineClassifier:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def shipped(cls) -> LineClassifier:
        return cls(load_model(MODEL_FILE))

    def probabilities(
        self, lines: list[Line], lexicon_kinds: list[str | None] | None = None
    ) -> FloatArray:
        """P(article) per line; ``lexicon_kinds`` is filled with each short line's lexicon kind."""
        if not lines:
            return np.zeros(0, dtype=np.float64)
        if len(lines) <= CHUNK_LINES:
            return self.trees.probability(line_features(lines, self.lexicon, lexicon_kinds))
        # A giant input (a whole dump, not a page) goes in chunks, so memory stays flat.
        parts = []
        for at in range(0, len(lines), CHUNK_LINES):
            kinds: list[str | None] = [None] * len(lines[at : at + CHUNK_LINES])
            parts.append(self.probabilities(lines[at : at + CHUNK_LINES], kinds))
            if lexicon_kinds is not None:
                lexicon_kinds[at : at + len(kinds)] = kinds
        return np.concatenate(parts)
