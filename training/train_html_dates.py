"""Train the publication-day ranker shipped as src/newsmill/models/html-dates.json.

Data: the article pages of ../shared/bench/wcxb-dev (WCXB development split,
CC-BY-4.0, Murrough Foley) whose gold ``publish_date`` is a full day, as
bench/html.py scores them. Each page is read by newsmill's own metadata reader; every
distinct day it offers (html_dates.read_dates) is a row of html_date_ranker's
features, labelled by whether it is the gold day. Pages whose gold day is none of
their candidates teach nothing about choosing and are left out of the fit (they
still count as wrong in the CV). A logistic regression (scikit-learn, lbfgs, which is
deterministic) on standardised features; the standardisation is folded into the
shipped weights, so newsmill applies it with a dot product.

Chosen by 5-fold CV by page (``--cv``; each seed a shuffle of the pages): the rules
get 514 of 586, the ranker 529.2 on average over 10 seeds (528 to 531 per seed; 49 of
the 50 folds gain, one loses a page), 0.9031 against 0.8771. C from 0.1 to 3 gave the
same; CatBoost trees (depth 3-6, 100-500 trees) 1 to 4 pages fewer; the features
without the rules' own choice 0.892. A rebuild gives the same file byte for byte. The
ScrapingHub pages have no date gold and are not used. Session 14: days written in words in
more languages ("04-ago-2021") gave one more page a candidate: CV 530.2 of 586 (0.9048,
530 or 531 per seed over 10 seeds).

    python training/train_html_dates.py [--data DIR] [--cv] [--folds 5] [--seeds 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from newsmill.extract import html_metadata
from newsmill.extract.html_date_ranker import FEATURES, DateRanker, day_features
from newsmill.extract.html_dates import DateReading, read_dates
from newsmill.extract.html_features import parse_html

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
MODEL_PATH = REPO / "src" / "newsmill" / "models" / "html-dates.json"
C = 1.0
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class PageDays:
    page_id: str
    gold: str
    days: list[str]
    rows: np.ndarray
    rules: str | None  # the hand rules' published day


def read_page(html: str) -> DateReading:
    """The page's date reading, from the evidence the metadata reader gathers for it."""
    evidence = html_metadata.read_page_metadata(parse_html(html), None).date_evidence
    assert evidence is not None  # the reader always gathers it
    return read_dates(evidence)


def load_pages(directory: Path) -> list[PageDays]:
    """Every dated article page, with its candidate days and their features."""
    files = json.loads((directory / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for truth_path in sorted((directory / "ground-truth").glob("*.json")):
        page_id = truth_path.stem
        if (files.get(page_id) or {}).get("page_type") != "article":
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))["ground_truth"]
        gold = truth.get("publish_date")
        if not isinstance(gold, str) or not _FULL_DATE.match(gold) or not truth.get("main_content"):
            continue
        raw = (directory / "html" / f"{page_id}.html.gz").read_bytes()
        reading = read_page(gzip.decompress(raw).decode("utf-8", errors="replace"))
        published, modified, _ = reading.rules
        days, rows = day_features(reading.candidates, published, modified)
        rules = published[:10] if published else None
        pages.append(PageDays(page_id, gold[:10], days, rows, rules))
    return pages


def fit(pages: list[PageDays]) -> DateRanker:
    """The ranker fitted on the pages whose gold day is among their candidates."""
    useful = [p for p in pages if p.gold in p.days]
    x = np.vstack([p.rows for p in useful])
    y = np.concatenate([[day == p.gold for day in p.days] for p in useful]).astype(np.int64)
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=C, max_iter=10_000).fit(scaler.transform(x), y)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    weights = model.coef_[0] / scale
    bias = float(model.intercept_[0] - np.dot(weights, scaler.mean_))
    return DateRanker(np.round(weights, 8), round(bias, 8))


def chosen(ranker: DateRanker, page: PageDays) -> str | None:
    if not page.days:
        return None
    return page.days[int(np.argmax(ranker.scores(page.rows)))]


def cross_validate(pages: list[PageDays], folds: int, seeds: int) -> None:
    """k-fold by page, each shuffle a seed: the model's and the rules' correct pages."""
    rules_total = sum(p.rules == p.gold for p in pages)
    results = []
    for seed in range(seeds):
        order = np.random.default_rng(seed).permutation(len(pages))
        fold_of = np.empty(len(pages), dtype=np.int64)
        fold_of[order] = np.arange(len(pages)) % folds
        gains = []
        correct = 0
        for fold in range(folds):
            train = [p for p, f in zip(pages, fold_of, strict=True) if f != fold]
            test = [p for p, f in zip(pages, fold_of, strict=True) if f == fold]
            ranker = fit(train)
            mine = sum(chosen(ranker, p) == p.gold for p in test)
            gains.append(mine - sum(p.rules == p.gold for p in test))
            correct += mine
        results.append(correct)
        print(f"seed {seed}: model {correct}/{len(pages)}, rules {rules_total}, by fold {gains}")
    mean = float(np.mean(results))
    print(f"CV: model {mean / len(pages):.4f} ({mean:.1f}), rules {rules_total / len(pages):.4f}")


def write(ranker: DateRanker, pages: int) -> None:
    data = {
        "about": (
            "Publication-day ranker: logistic regression over html_date_ranker.FEATURES, "
            f"standardisation folded in, C={C}; trained by training/train_html_dates.py on "
            f"{pages} dated wcxb-dev article pages (CC-BY-4.0, Murrough Foley, WCXB)."
        ),
        "features": list(FEATURES),
        "weights": [float(w) for w in ranker.weights],
        "bias": ranker.bias,
    }
    MODEL_PATH.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e3:.1f} kB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "wcxb-dev")
    parser.add_argument("--cv", action="store_true", help="cross-validate instead of writing")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    pages = load_pages(args.data)
    ranker = fit(pages)
    in_sample = sum(chosen(ranker, p) == p.gold for p in pages)
    rules = sum(p.rules == p.gold for p in pages)
    print(f"{len(pages)} dated article pages; in-sample model {in_sample}, rules {rules}")
    if args.cv:
        cross_validate(pages, args.folds, args.seeds)
    else:
        write(ranker, len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
