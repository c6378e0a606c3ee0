"""Shared by the training scripts: line labels from gold text, the tree learner, export."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from catboost import CatBoostClassifier

from newsmill.evaluation import shingles, tokens
from newsmill.extract.lines import Line

SEED = 20231128
TREES = 200
DEPTH = 6
LEARNING_RATE = 0.15


def label_lines(lines: list[Line], gold: str) -> np.ndarray:
    """1 where most of a line's word 4-grams are in the gold text (short lines: where
    their words stand in the gold text in order, next to an article line)."""
    gold_shingles = shingles(gold)
    gold_joined = " " + " ".join(tokens(gold)) + " "
    labels = np.zeros(len(lines), dtype=np.int64)
    short: list[int] = []
    for i, line in enumerate(lines):
        toks = tokens(line.text)
        if len(toks) >= 4:
            own = shingles(line.text)
            hit = sum(c for s, c in own.items() if s in gold_shingles)
            labels[i] = 1 if hit / sum(own.values()) >= 0.5 else 0
        elif toks:
            short.append(i)
    for i in short:
        near = labels[max(0, i - 2) : i + 3].any()
        inside = (" " + " ".join(tokens(lines[i].text)) + " ") in gold_joined
        labels[i] = 1 if near and inside else 0
    return labels


def fit_trees(
    x: np.ndarray,
    y: np.ndarray,
    trees: int = TREES,
    learning_rate: float = LEARNING_RATE,
    seed: int = SEED,
) -> CatBoostClassifier:
    """Oblivious trees of the one depth the exporter relies on, with a fixed seed for the
    bit-identical rebuild; each model picks its own tree count and rate."""
    model = CatBoostClassifier(
        iterations=trees,
        depth=DEPTH,
        learning_rate=learning_rate,
        random_seed=seed,
        thread_count=2,
        verbose=0,
        allow_writing_files=False,
    )
    model.fit(x, y)
    return model


def export(model: CatBoostClassifier, n_features: int) -> dict[str, Any]:
    """CatBoost's own JSON dump, reduced to what ObliviousTrees evaluates."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.json"
        model.save_model(str(path), format="json")
        dump = json.loads(path.read_text(encoding="utf-8"))
    trees = dump["oblivious_trees"]
    scale, biases = dump["scale_and_bias"]
    if scale != 1 or any(len(t["splits"]) != DEPTH for t in trees):
        raise SystemExit("unexpected CatBoost model shape: expected unscaled trees of full depth")
    return {
        "features": [s["float_feature_index"] for t in trees for s in t["splits"]],
        "borders": [s["border"] for t in trees for s in t["splits"]],
        "leaves": [round(v, 8) for t in trees for v in t["leaf_values"]],
        "depth": DEPTH,
        "bias": float(biases[0]),
        "n_features": n_features,
    }


def export_average(models: list[CatBoostClassifier], n_features: int) -> dict[str, Any]:
    """Several models as one: all their trees with leaves divided by their number (the
    mean of their raw scores), so the run-time evaluator needs nothing new."""
    parts = [export(model, n_features) for model in models]
    k = len(parts)
    return {
        "features": [f for part in parts for f in part["features"]],
        "borders": [b for part in parts for b in part["borders"]],
        "leaves": [round(v / k, 8) for part in parts for v in part["leaves"]],
        "depth": DEPTH,
        "bias": sum(part["bias"] for part in parts) / k,
        "n_features": n_features,
    }


def mean_probability(models: list[CatBoostClassifier], x: np.ndarray) -> np.ndarray:
    """The probability from the mean of the models' raw scores, as export_average ships."""
    raw = np.mean([model.predict(x, prediction_type="RawFormulaVal") for model in models], axis=0)
    return np.asarray(1.0 / (1.0 + np.exp(-raw)))


def group_folds(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Pages dealt round-robin into k folds, so no page is split between train and test."""
    fold_of = groups % k
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(k)]


def write_model(
    path: Path,
    about: str,
    model: CatBoostClassifier | list[CatBoostClassifier],
    n_features: int,
    threshold: float = 0.5,
) -> None:
    """The shipped model file: what it is, the trees (of several models: their mean),
    the decision threshold."""
    trees = (
        export_average(model, n_features) if isinstance(model, list) else export(model, n_features)
    )
    data = {"about": about, "trees": trees, "threshold": threshold}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
