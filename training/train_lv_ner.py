"""Build the Latvian NER model (`src/newsmill/models/lv-ner.npz` + `lv-ner.json`).

A linear-chain CRF (python-crfsuite, L-BFGS with L1+L2) over surface features
(`newsmill.lang.lv.ner_features`), trained on the FullStack-LV NER train split only and
exported as plain weights that `newsmill.lang.lv.ner_crf` decodes with numpy.
The gazetteer feature of a training sentence comes from the *other* half of the training
paragraphs, so the CRF learns how far a gazetteer hit can be trusted on unseen text
instead of learning that it is always right; the shipped gazetteer uses all of train.
A third word list, `ends`, holds the stems that often end multi-word names of a type
(`padome`, `ministrija`, `banka`): the head words of organisation names, built the same way.
(Tried on dev and left out: five folds instead of two, 0.768 vs 0.775 micro-F1; UPOS and
case from the morphology tagger as features, 0.748, as the tagger has seen the training
sentences and is over-trusted; other settings with the current features, all within
noise of the chosen 0.797: c1 0.1 / c2 0.05 with 250 iterations 0.793, c1 0.05 0.793,
c1 0.3 / c2 0.005 0.789, 300 iterations 0.793. Also tried, all within noise of 0.797 and
left out: word-pair features by stem as well as by form, 0.792; capitalisation x 2- and
3-letter suffix, 0.791; BILOU tags instead of BIO, 0.798 with ORG 0.744 instead of 0.711
but PER and LOC lower and twice the labels to decode; a constant added to the O score at
decoding, -1..+1, none better than 0. Predicted morphology again, run over the training
sentences with `LatvianMorphology.analyse_many` a paragraph at a time as at run time: the
tagger's training data is these very sentences (UPOS 0.997 and case 0.997 right on train,
0.940 and 0.948 on dev), so even with the attributes given only to words of the other
half's vocabulary (as unseen words get none at run time) UPOS, case and the neighbours'
case scored 0.783, and PROPN, case and the next word's case 0.779.)

A run takes about 3 minutes of CPU (12-20 minutes of wall time on the shared 2-core
machine under load).

    python training/train_lv_ner.py            # build the model files
    python training/train_lv_ner.py --eval     # also print dev figures

Settings are fixed and training is deterministic: two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from conll2003 import NerSentence, read_conll2003, spans  # noqa: E402

from newsmill.lang.lv.ner_features import (  # noqa: E402
    MAX_PHRASE,
    NerFeaturizer,
    phrase_key,
    stem,
)

DATA = REPO.parent / "shared" / "data" / "lv" / "fullstack-ner"
MODELS = REPO / "src" / "newsmill" / "models"
C1 = 0.15
C2 = 0.01
ITERATIONS = 150
MIN_FREQ = 1
GAZ_MIN_SHARE = 0.3  # a stem joins the gazetteer for a type when ≥ 30% of its uses are that type
GAZ_MIN_COUNT = 1
LOWERCASE_MIN = 1
COUNTS = False  # the gazetteer's main type with a count class (`build_counts`)
AFFIX = 4  # prefixes and suffixes of 1..AFFIX letters
WINDOW = 2  # neighbours at ±1, ±2 (and ±3 with 3: their gazetteer types and name ends)
RARE = 0  # words, stems and word pairs seen at most this often lose their own attributes
BY_DOCUMENT = False  # the two halves of train split documents instead of paragraphs
STATES = False  # crfsuite's feature.possible_states
ENDS_MIN_COUNT = 2  # a stem that ends multi-word names of a type at least twice ...
ENDS_MIN_SHARE = 0.2  # ... in at least 20% of its uses


_ROLE_PREFIXES = ("-1", "+1", "-2", "+2", "-3", "+3")


def _core(attribute: str) -> str:
    """An attribute without its neighbour prefix (`-1w=putins` -> `w=putins`)."""
    return attribute[2:] if attribute[:2] in _ROLE_PREFIXES else attribute


def rare_attributes(sentences: list[NerSentence], rare: int) -> frozenset[str]:
    """The word (`w=`), stem (`st=`) and word-pair (`bi=`, `bi+=`) attributes of forms,
    stems and pairs seen at most `rare` times in training. Left out of training, as most
    names at run time are words the model has not seen: their weights then come from the
    spelling, the shape and the context that unseen words also have, instead of from
    memorised words that stand for them in training."""
    if rare <= 0:
        return frozenset()
    words: Counter[str] = Counter()
    stems: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for s in sentences:
        lows = [f.lower() for f in s.forms]
        words.update(lows)
        stems.update(stem(f) for f in s.forms)
        pairs.update(a + "|" + b for a, b in pairwise(lows))
    out = {"w=" + w for w, c in words.items() if c <= rare}
    out.update("st=" + st for st, c in stems.items() if c <= rare)
    for pair, c in pairs.items():
        if c <= rare:
            out.update(("bi=" + pair, "bi+=" + pair))
    return frozenset(out)


def document(par_id: str) -> str:
    """The document of a paragraph (`c2-p4` -> `c2`)."""
    return par_id.rsplit("-p", 1)[0]


def build_gazetteer(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem -> "type|type" for stems that are mostly used inside entities of those types."""
    total: Counter[str] = Counter()
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        inside: dict[int, str] = {}
        for a, b, kind in spans(s.tags):
            for i in range(a, b):
                inside[i] = kind
        for i, form in enumerate(s.forms):
            if not any(ch.isalpha() for ch in form):
                continue
            st = stem(form)
            total[st] += 1
            if i in inside:
                typed[st][inside[i]] += 1
    out: dict[str, str] = {}
    for st in sorted(typed):
        kinds = sorted(
            k for k, c in typed[st].items() if c >= GAZ_MIN_COUNT and c / total[st] >= GAZ_MIN_SHARE
        )
        if kinds:
            out[st] = "|".join(kinds)
    return out


def build_counts(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem -> its most frequent entity type with a count class (1, 2, 3-4, 5-8, 9+) and
    `h` when most of the stem's uses are in that type: how sure a gazetteer hit is."""
    total: Counter[str] = Counter()
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        inside: dict[int, str] = {}
        for a, b, kind in spans(s.tags):
            for i in range(a, b):
                inside[i] = kind
        for i, form in enumerate(s.forms):
            if not any(ch.isalpha() for ch in form):
                continue
            st = stem(form)
            total[st] += 1
            if i in inside:
                typed[st][inside[i]] += 1
    out: dict[str, str] = {}
    for st in sorted(typed):
        kind, count = sorted(typed[st].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        share = "h" if 2 * count > total[st] else ""
        out[st] = f"{kind}{min(count - 1, 8).bit_length()}{share}"
    return out


def build_ends(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem -> "type|type" for stems that often end a name of those types (`padome`,
    `partija`, `AS` after a quoted name): the head words of organisation names."""
    total: Counter[str] = Counter()
    typed: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        last: dict[int, str] = {}
        for a, b, kind in spans(s.tags):
            words = [i for i in range(a, b) if any(ch.isalpha() for ch in s.forms[i])]
            if len(words) > 1:
                last[words[-1]] = kind
        for i, form in enumerate(s.forms):
            if not any(ch.isalpha() for ch in form):
                continue
            st = stem(form)
            total[st] += 1
            if i in last:
                typed[st][last[i]] += 1
    out: dict[str, str] = {}
    for st in sorted(typed):
        kinds = sorted(
            k
            for k, c in typed[st].items()
            if c >= ENDS_MIN_COUNT and c / total[st] >= ENDS_MIN_SHARE
        )
        if kinds:
            out[st] = "|".join(kinds)
    return out


def build_phrases(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Multi-word names (as `phrase_key`) -> their most frequent type."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for a, b, kind in spans(s.tags):
            if 2 <= b - a <= MAX_PHRASE and kind != "time":
                seen[phrase_key(s.forms[a:b])][kind] += 1
    return {
        k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in sorted(seen.items())
    }


def lowercase_forms(sentences: Iterable[NerSentence]) -> frozenset[str]:
    """Forms written in lower case somewhere in the text (not sentence-initial)."""
    seen: Counter[str] = Counter()
    for s in sentences:
        for i, form in enumerate(s.forms):
            if i > 0 and form[:1].islower():
                seen[form] += 1
    return frozenset(f for f, c in seen.items() if c >= LOWERCASE_MIN)


def train(
    train: list[NerSentence],
    model_path: Path,
    c1: float = C1,
    c2: float = C2,
    iterations: int = ITERATIONS,
    counts: bool = COUNTS,
    affix: int = AFFIX,
    states: bool = STATES,
    window: int = WINDOW,
    rare: int = RARE,
    by_document: bool = BY_DOCUMENT,
) -> dict[str, Any]:
    """Fit the CRF into `model_path` (crfsuite format); return the side data the tagger
    needs."""
    paragraphs = sorted({s.par_id for s in train})
    fold = {p: i % 2 for i, p in enumerate(paragraphs)}
    if by_document:  # the halves split documents, not paragraphs
        documents = sorted({document(p) for p in paragraphs})
        half = {d: i % 2 for i, d in enumerate(documents)}
        fold = {p: half[document(p)] for p in paragraphs}
    lowercase = lowercase_forms(train)
    halves = [
        NerFeaturizer(
            build_gazetteer(s for s in train if fold[s.par_id] != k),
            build_phrases(s for s in train if fold[s.par_id] != k),
            lowercase,
            build_ends(s for s in train if fold[s.par_id] != k),
            build_counts(s for s in train if fold[s.par_id] != k) if counts else None,
            affix,
            window,
        )
        for k in (0, 1)
    ]
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    drop = rare_attributes(train, rare)
    for s in train:
        feats = halves[fold[s.par_id]].sentence(s.forms)
        if drop:
            feats = [[a for a in f if _core(a) not in drop] for f in feats]
        trainer.append(feats, list(s.tags))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.minfreq": MIN_FREQ,
            "feature.possible_transitions": True,
            "feature.possible_states": states,
        }
    )
    trainer.train(str(model_path))
    settings = {"c1": c1, "c2": c2, "iterations": iterations, "minfreq": MIN_FREQ}
    return {
        "format": "newsmill.lv-ner/1",
        "settings": {
            **settings,
            "affix": affix,
            "states": states,
            "window": window,
            "rare": rare,
            "by_document": by_document,
        },
        "gazetteer": build_gazetteer(train),
        "counts": build_counts(train) if counts else {},
        "phrases": build_phrases(train),
        "ends": build_ends(train),
        "lowercase": sorted(lowercase),
    }


def export(model_path: Path, side: dict[str, Any], out: Path) -> None:
    """The crfsuite weights as a dense matrix (`lv-ner.npz`) + side data (`lv-ner.json`)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = sorted(tagger.labels())
    attributes = sorted({a for a, _ in info.state_features})
    row = {a: i for i, a in enumerate(attributes)}
    col = {label: i for i, label in enumerate(labels)}
    weights = np.zeros((len(attributes), len(labels)), dtype=np.float32)
    for (attr, label), w in info.state_features.items():
        weights[row[attr], col[label]] = w
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        transitions[col[a], col[b]] = w
    tagger.close()
    buffer = io.BytesIO()
    np.savez_compressed(buffer, weights=weights, transitions=transitions)
    (out / "lv-ner.npz").write_bytes(buffer.getvalue())
    side = {**side, "labels": labels, "attributes": attributes}
    (out / "lv-ner.json").write_text(
        json.dumps(side, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", action="store_true", help="print dev figures")
    parser.add_argument("--out", type=Path, default=MODELS, help="folder for the model files")
    parser.add_argument("--c1", type=float, default=C1, help="L1 weight (tuning only)")
    parser.add_argument("--c2", type=float, default=C2, help="L2 weight (tuning only)")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="(tuning only)")
    parser.add_argument("--counts", type=int, default=int(COUNTS), help="(tuning only)")
    parser.add_argument("--affix", type=int, default=AFFIX, help="(tuning only)")
    parser.add_argument("--window", type=int, default=WINDOW, help="(tuning only)")
    parser.add_argument("--rare", type=int, default=RARE, help="(tuning only)")
    parser.add_argument("--by-document", type=int, default=int(BY_DOCUMENT), help="(tuning)")
    parser.add_argument("--states", type=int, default=int(STATES), help="(tuning only)")
    args = parser.parse_args()
    train_sents = list(read_conll2003(DATA / "train.conll2003"))
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "lv-ner.crfsuite"
        side = train(
            train_sents,
            model,
            args.c1,
            args.c2,
            args.iterations,
            bool(args.counts),
            args.affix,
            bool(args.states),
            args.window,
            args.rare,
            bool(args.by_document),
        )
        export(model, side, args.out)
    sizes = ", ".join(f"{p.name} {p.stat().st_size:,} B" for p in sorted(args.out.glob("lv-ner.*")))
    print(f"trained in {time.perf_counter() - t0:.0f}s: {sizes}")
    if args.eval:
        sys.path.insert(0, str(REPO / "bench"))
        from _lv_ner import format_scores, score_ner

        print(format_scores(score_ner(DATA / "dev.conll2003", models=args.out)))


if __name__ == "__main__":
    main()
