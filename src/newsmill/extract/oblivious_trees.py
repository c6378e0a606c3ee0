"""An ensemble of oblivious decision trees, evaluated by a small numba kernel.

Oblivious trees (CatBoost's kind) ask the same question of every node on one
level, so a tree of depth d is d comparisons whose bits index a leaf: a whole
page of lines goes through the whole ensemble in a few tight loops. Plain
trees need a walk per row and tree, ten times slower here; a small neural net
is as fast but was clearly less accurate on this task. The model is trained by
``training/train_flat.py`` and shipped as JSON, so running newsmill needs
neither CatBoost nor a pickle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

from newsmill.jit import jit_compiled

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ObliviousTrees:
    features: IntArray  # (trees * depth,) feature of each level, tree-major
    borders: FloatArray  # (trees * depth,) the level goes right when value > border
    leaves: FloatArray  # (trees * 2**depth,) leaf values, tree-major
    depth: int
    bias: float
    n_features: int

    def __post_init__(self) -> None:
        # Trees share many questions (feature, border): each distinct one is asked once
        # per row, and every level of every tree reads its answer by index.
        pairs = np.stack([self.features.astype(np.float64), self.borders])
        unique, inverse = np.unique(pairs, axis=1, return_inverse=True)
        object.__setattr__(self, "_question_features", unique[0].astype(np.intp))
        # Compared in float64 like the features: a float32 comparison would flip rows
        # whose value rounds onto a border.
        object.__setattr__(self, "_question_borders", unique[1].copy())
        # Level-major (level, tree) order: question of tree t's level l at l * trees + t.
        of_split = inverse.reshape(self.n_trees, self.depth)
        object.__setattr__(self, "_level_questions", np.ascontiguousarray(of_split.T).ravel())

    _question_features: npt.NDArray[np.intp] = field(init=False, repr=False, compare=False)
    _question_borders: FloatArray = field(init=False, repr=False, compare=False)
    _level_questions: npt.NDArray[np.intp] = field(init=False, repr=False, compare=False)

    @property
    def n_trees(self) -> int:
        return int(self.features.shape[0] // self.depth)

    def decision(self, x: FloatArray) -> FloatArray:
        """The raw score per row: the sum of every tree's leaf, plus the bias.

        Each distinct question is answered once per row (818 for the 1,200 splits of the
        flat model), then each tree folds its levels' answers into a leaf index. Leaves
        are added tree after tree in order, then the bias, so the floating-point result
        is bit-identical to evaluating the trees one by one. Compiled by numba
        (``_decide``): as numpy steps, the (questions, rows) arrays cost three times more.
        """
        n = x.shape[0]
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if x.shape[1] != self.n_features:
            raise ValueError(f"model expects {self.n_features} features, got {x.shape[1]}")
        total: FloatArray = _decide(
            np.ascontiguousarray(x.T),
            self._question_features,
            self._question_borders,
            self._level_questions,
            self.leaves,
            self.depth,
            self.n_trees,
            self.bias,
        )
        return total

    def probability(self, x: FloatArray) -> FloatArray:
        p: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(self.decision(x), -50.0, 50.0)))
        return p

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ObliviousTrees:
        return cls(
            features=np.asarray(data["features"], dtype=np.int64),
            borders=np.asarray(data["borders"], dtype=np.float64),
            leaves=np.asarray(data["leaves"], dtype=np.float64),
            depth=int(data["depth"]),
            bias=float(data["bias"]),
            n_features=int(data["n_features"]),
        )


def _decide_rows(
    columns: FloatArray,
    question_features: npt.NDArray[np.intp],
    question_borders: FloatArray,
    level_questions: npt.NDArray[np.intp],
    leaves: FloatArray,
    depth: int,
    n_trees: int,
    bias: float,
) -> FloatArray:
    """Scores of the rows of ``columns`` (features, rows); compiled by ``_decide``."""
    n = columns.shape[1]
    answers = np.empty((question_features.shape[0], n), np.uint8)
    for q in range(question_features.shape[0]):
        values = columns[question_features[q]]
        border = question_borders[q]
        for r in range(n):
            answers[q, r] = 1 if values[r] > border else 0
    total = np.zeros(n)
    leaf = np.zeros(n, np.intp)
    for t in range(n_trees):
        leaf[:] = 0
        for level in range(depth):
            right = answers[level_questions[level * n_trees + t]]
            for r in range(n):
                leaf[r] |= right[r] << level
        offset = t << depth
        for r in range(n):
            total[r] += leaves[offset + leaf[r]]
    for r in range(n):
        total[r] += bias
    return total


_decide = jit_compiled(_decide_rows)


def load_model(name: str) -> dict[str, Any]:
    text = (resources.files("newsmill") / "models" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
