"""An ensemble of oblivious decision trees evaluated with numpy.

Oblivious trees (CatBoost's kind) ask the same question of every node on one
level, so a tree of depth d is d comparisons whose bits index a leaf: a whole
page of lines goes through the whole ensemble in a few vectorised steps. Plain
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
        object.__setattr__(self, "_question_borders", unique[1][:, None].copy())
        # Level-major (level, tree) order, so each level's answers for all trees are
        # one contiguous block that a single shift-and-or folds into the leaf index.
        of_split = inverse.reshape(self.n_trees, self.depth)
        object.__setattr__(self, "_level_questions", np.ascontiguousarray(of_split.T).ravel())
        offsets = np.arange(self.n_trees, dtype=np.intp) << self.depth
        object.__setattr__(self, "_tree_offsets", offsets[:, None])

    _question_features: npt.NDArray[np.intp] = field(init=False, repr=False, compare=False)
    _question_borders: FloatArray = field(init=False, repr=False, compare=False)
    _level_questions: npt.NDArray[np.intp] = field(init=False, repr=False, compare=False)
    _tree_offsets: npt.NDArray[np.intp] = field(init=False, repr=False, compare=False)

    @property
    def n_trees(self) -> int:
        return int(self.features.shape[0] // self.depth)

    def decision(self, x: FloatArray) -> FloatArray:
        """The raw score per row: the sum of every tree's leaf, plus the bias.

        Three vectorised passes: answer each distinct question once (818 for the 1,200
        splits of the flat model), fold each level's answers into a leaf index in small
        integers, then gather and sum the leaves. The leaves are summed over the tree
        axis of a (trees, rows) array, tree after tree, as before, so the floating-point
        result is bit-identical to evaluating the trees one by one in order.
        """
        n = x.shape[0]
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if x.shape[1] != self.n_features:
            raise ValueError(f"model expects {self.n_features} features, got {x.shape[1]}")
        columns = np.ascontiguousarray(x.T)
        answers = np.take(columns, self._question_features, axis=0)
        right = np.greater(answers, self._question_borders).view(np.uint8)
        levels = right.take(self._level_questions, axis=0).reshape(self.depth, -1)
        leaf = _fold_levels(levels).reshape(-1, n)
        index = leaf.astype(np.intp)
        index += self._tree_offsets
        total: FloatArray = self.leaves.take(index).sum(axis=0) + self.bias
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


def _fold_levels(levels: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8] | IntArray:
    """Leaf index of each (tree, row) from its levels' 0/1 answers, level 0 the lowest bit.

    Each answer is one byte; while indices fit in a byte, eight bytes travel as one
    uint64 (a shift never carries across bytes, as every byte stays below 256), which
    makes the folding eight times cheaper than byte by byte.
    """
    depth, width = levels.shape
    if depth <= 8 and width % 8 == 0:
        words = levels.view(np.uint64)
        packed = words[depth - 1].copy()
        for level in range(depth - 2, -1, -1):
            packed <<= np.uint64(1)
            packed |= words[level]
        folded: npt.NDArray[np.uint8] = packed.view(np.uint8)
        return folded
    leaf: IntArray = levels[depth - 1].astype(np.int64)
    for level in range(depth - 2, -1, -1):
        leaf <<= 1
        leaf |= levels[level]
    return leaf


def load_model(name: str) -> dict[str, Any]:
    text = (resources.files("newsmill") / "models" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
