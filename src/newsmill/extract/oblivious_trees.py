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
        pairs = np.stack([self.features.astype(np.float64), self.borders])
        unique, inverse = np.unique(pairs, axis=1, return_inverse=True)
        object.__setattr__(self, "_question_features", unique[0].astype(np.int64))
        # CatBoost compares in float32; so do we, which also halves the memory traffic.
        object.__setattr__(self, "_question_borders", unique[1].astype(np.float32)[:, None])
        object.__setattr__(self, "_question_of_split", inverse.reshape(-1).astype(np.int64))

    _question_features: IntArray = field(init=False, repr=False, compare=False)
    _question_borders: npt.NDArray[np.float32] = field(init=False, repr=False, compare=False)
    _question_of_split: IntArray = field(init=False, repr=False, compare=False)

    @property
    def n_trees(self) -> int:
        return int(self.features.shape[0] // self.depth)

    def decision(self, x: FloatArray) -> FloatArray:
        n = x.shape[0]
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if x.shape[1] != self.n_features:
            raise ValueError(f"model expects {self.n_features} features, got {x.shape[1]}")
        columns = np.ascontiguousarray(x.T)
        right = (columns[self.features] > self.borders[:, None]).reshape(
            self.n_trees, self.depth, n
        )
        leaf = right[:, 0].astype(np.int64)
        for level in range(1, self.depth):
            leaf |= right[:, level].astype(np.int64) << level
        leaf += (np.arange(self.n_trees, dtype=np.int64) << self.depth)[:, None]
        total: FloatArray = self.leaves[leaf].sum(axis=0) + self.bias
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


def load_model(name: str) -> dict[str, Any]:
    text = (resources.files("newsmill") / "models" / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
