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

Session 4: prefixes and suffixes of up to five letters instead of four (`AFFIX`: Latvian
endings with their stem vowel, `-ijas`, `-ības`, `-ieši`, and name starts such as `latvi`)
raised dev micro-F1 PER/ORG/LOC from 0.797 to 0.803, every type up (PER 0.826 -> 0.828,
ORG 0.711 -> 0.725, LOC 0.836 -> 0.842). Other variants, each an option of `train` (and a
tuning flag) left at its default, were scored against the four-letter model (0.797) and
lost: `--counts 1`, the gazetteer's main type with a count class (`build_counts`), 0.782
(ORG 0.684), as the CRF trusts it more than unseen text bears out; `--window 3`, the
gazetteer types and name ends of the words at ±3 (for the head of a long organisation
name), 0.786; `--rare 1`, training without the word, stem and word-pair attributes of
hapaxes (`rare_attributes`), 0.792 with a 15% smaller model; `--by-document 1`, the two
gazetteer halves split by document instead of paragraph, 0.787; `--algorithm ap
--iterations 30`, averaged perceptron, 0.774 and model files three times larger. Word
clusters from the unlabelled text in ../shared/data/lv were not tried: the train splits of
the other layers are the same sentences as NER train (164k tokens in all against NER
train's 145k; dev tokens covered 83.9% against 83.1%), so they add almost nothing a word
feature does not have.

Quoted names (`savā “ Facebook ” lapā`): after decoding, a quoted name seen in train at
least twice, mostly with one type, takes that type (`names`, on by default,
`ner_features.retype_quoted`; dev unchanged at 0.803, the example's `Facebook` becomes an
organisation; for unquoted names too the rule scored 0.790-0.793, so it is not applied to
them). Left off: `--kinds 1`, what the quotes next to the kind noun before or after them
held in the other half of train (`grupējums “ Vagner ”` -> organization, `filma “ ... ”`
-> product; `NerFeaturizer.quoted_kinds`) and the quoted words' majority type: it gets
`Vagner` right but scored 0.793 with 5-letter affixes against 0.803 without (0.795 vs
0.797 with 4; 0.794 with only the noun-before attribute); the kind noun's own stem as an
attribute instead, 0.793 (L1 zeroed most of them); `--bilou 1` with `kinds`, 0.790.
The same evidence as a rule after decoding does help (`kind_nouns`, on by default): a
quoted name that `names` does not know takes the type most quoted names after the same
lowercase noun had in train (at least two of them and 60% of its quotes); the CRF is
unchanged, dev micro-F1 0.803 -> 0.806 (ORG 0.725 -> 0.732), and the example's `Vagner`
becomes an organisation.

A run takes about 3.5 minutes of CPU (8-13 minutes of wall time on the shared 2-core
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
    LEGAL_FORMS,
    MAX_PHRASE,
    QUOTE_TOKENS,
    NerFeaturizer,
    phrase_key,
    quoted_runs,
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
AFFIX = 5  # prefixes and suffixes of 1..AFFIX letters
WINDOW = 2  # neighbours at ±1, ±2 (and ±3 with 3: their gazetteer types and name ends)
RARE = 0  # words, stems and word pairs seen at most this often lose their own attributes
ALGORITHM = "lbfgs"  # crfsuite's trainer: L-BFGS with L1+L2, or "ap" (averaged perceptron)
BY_DOCUMENT = False  # the two halves of train split documents instead of paragraphs
STATES = False  # crfsuite's feature.possible_states
NAMES = True  # quoted names' types from training (`build_names`), used after decoding
KIND_NOUNS = True  # ... and by the noun before the quotes (`build_kind_nouns`)
NAMES_MIN_COUNT = 2
NAMES_MIN_SHARE = 0.6
BILOU = False  # train on BILOU tags (`bilou`); the decoder reads them as BIO
KINDS = False  # what a quoted name is (`NerFeaturizer.quoted_kinds`)
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


def bilou(tags: Iterable[str]) -> list[str]:
    """BIO tags as BILOU: a name's last word (L-) and a one-word name (U-) get tags of their
    own, so the CRF learns where names end as well as where they start."""
    out = list(tags)
    for a, b, kind in spans(out):
        if b - a == 1:
            out[a] = "U-" + kind
        else:
            out[a] = "B-" + kind
            out[a + 1 : b - 1] = ["I-" + kind] * (b - a - 2)
            out[b - 1] = "L-" + kind
    return out


def document(par_id: str) -> str:
    """The document of a paragraph (`c2-p4` -> `c2`)."""
    return par_id.rsplit("-p", 1)[0]


def stem_type_counts(
    sentences: Iterable[NerSentence],
) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """How often each stem of a word occurs, and how often inside an entity of each type."""
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
    return total, typed


def build_gazetteer(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem -> "type|type" for stems that are mostly used inside entities of those types."""
    total, typed = stem_type_counts(sentences)
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
    total, typed = stem_type_counts(sentences)
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


def quoted_contexts(sentences: Iterable[NerSentence]) -> dict[str, Counter[str]]:
    """What the quotes next to each lowercase word held in training: `b:` + the stem of a
    word before an opening quote, `a:` + after a closing one; counted by the type of the
    name in the quotes, `O` when they held none, `in` when they were part of a longer name."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        found = spans(s.tags)
        for opened, i in quoted_runs(s.forms):
            held = "O"
            for a, b, kind in found:
                if a in (opened, opened + 1) and b in (i, i + 1):
                    held = kind
                    break
                if a < i and b > opened + 1:
                    held = "in"
            if opened > 0 and s.forms[opened - 1][:1].islower():
                seen["b:" + stem(s.forms[opened - 1])][held] += 1
            if i + 1 < len(s.forms) and s.forms[i + 1][:1].islower():
                seen["a:" + stem(s.forms[i + 1])][held] += 1
    return seen


def build_kinds(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Kind noun -> what the quotes next to it held, most often (`quoted_contexts`;
    `NerFeaturizer.quoted_kinds`)."""
    return {k: _most(c) for k, c in sorted(quoted_contexts(sentences).items())}


def build_kind_nouns(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem of a lowercase word before an opening quote -> the type of the names its quotes
    held, where that type is at least `NAMES_MIN_COUNT` of them and `NAMES_MIN_SHARE` of
    all its quotes (`grupējum` -> organization, `film` -> product): what a quoted name
    training never saw is, after decoding (`ner_features.retype_quoted`)."""
    out: dict[str, str] = {}
    for key, counts in sorted(quoted_contexts(sentences).items()):
        if not key.startswith("b:"):
            continue
        kind = _most(counts)
        n = counts[kind]
        if (
            kind not in ("O", "in", "time", "money")
            and n >= NAMES_MIN_COUNT
            and n >= NAMES_MIN_SHARE * counts.total()
        ):
            out[key[2:]] = kind
    return out


def build_majority(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """Stem -> the entity type it is most often part of (names only, not `time`)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for a, b, kind in spans(s.tags):
            if kind == "time":
                continue
            for i in range(a, b):
                if any(ch.isalpha() for ch in s.forms[i]):
                    seen[stem(s.forms[i])][kind] += 1
    return {k: _most(c) for k, c in sorted(seen.items())}


def _most(counts: Counter[str]) -> str:
    """The most frequent key (ties: the first by name)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_names(sentences: Iterable[NerSentence]) -> dict[str, str]:
    """A name's stems (`phrase_key`, without quotes and legal form) -> its type, for names
    seen at least `NAMES_MIN_COUNT` times with that type in at least `NAMES_MIN_SHARE` of
    their mentions: what a quoted name is when its context does not say
    (`ner_features.retype_quoted`)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for a, b, kind in spans(s.tags):
            words = [f for f in s.forms[a:b] if f not in QUOTE_TOKENS and f not in LEGAL_FORMS]
            if words:
                seen[phrase_key(words)][kind] += 1
    out: dict[str, str] = {}
    for key, counts in sorted(seen.items()):
        kind = _most(counts)
        n = counts[kind]
        if (
            kind not in ("time", "money")
            and n >= NAMES_MIN_COUNT
            and n >= NAMES_MIN_SHARE * counts.total()
        ):
            out[key] = kind
    return out


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
    algorithm: str = ALGORITHM,
    kinds: bool = KINDS,
    bilou_tags: bool = BILOU,
    names: bool = NAMES,
    kind_nouns: bool = KIND_NOUNS,
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
            build_kinds(s for s in train if fold[s.par_id] != k) if kinds else None,
            build_majority(s for s in train if fold[s.par_id] != k) if kinds else None,
        )
        for k in (0, 1)
    ]
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    drop = rare_attributes(train, rare)
    for s in train:
        feats = halves[fold[s.par_id]].sentence(s.forms)
        if drop:
            feats = [[a for a in f if _core(a) not in drop] for f in feats]
        trainer.append(feats, bilou(s.tags) if bilou_tags else list(s.tags))
    trainer.set_params(
        {
            **({"c1": c1, "c2": c2} if algorithm == "lbfgs" else {}),
            "max_iterations": iterations,
            "feature.minfreq": MIN_FREQ,
            "feature.possible_transitions": True,
            "feature.possible_states": states,
        }
    )
    trainer.train(str(model_path))
    settings: dict[str, Any] = {
        "c1": c1,
        "c2": c2,
        "iterations": iterations,
        "minfreq": MIN_FREQ,
        "affix": affix,  # always written: a model without it has 4 (`LatvianNer.load`)
    }
    # the tuning options are written only when they differ from the defaults, so that
    # the default model's files stay as they were
    options = {
        "states": (states, STATES),
        "window": (window, WINDOW),
        "rare": (rare, RARE),
        "by_document": (by_document, BY_DOCUMENT),
        "algorithm": (algorithm, ALGORITHM),
    }
    settings.update({k: v for k, (v, default) in options.items() if v != default})
    return {
        "format": "newsmill.lv-ner/1",
        "settings": {
            **settings,
            **({"bilou": True} if bilou_tags else {}),
        },
        **({"kinds": build_kinds(train), "majority": build_majority(train)} if kinds else {}),
        **({"names": build_names(train)} if names else {}),
        **({"kind_nouns": build_kind_nouns(train)} if kind_nouns else {}),
        "gazetteer": build_gazetteer(train),
        **({"counts": build_counts(train)} if counts else {}),
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
    parser.add_argument("--algorithm", default=ALGORITHM, help="(tuning only)")
    parser.add_argument("--states", type=int, default=int(STATES), help="(tuning only)")
    parser.add_argument("--kinds", type=int, default=int(KINDS), help="(tuning only)")
    parser.add_argument("--bilou", type=int, default=int(BILOU), help="(tuning only)")
    parser.add_argument("--names", type=int, default=int(NAMES), help="(tuning only)")
    parser.add_argument("--kind-nouns", type=int, default=int(KIND_NOUNS), help="(tuning)")
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
            args.algorithm,
            bool(args.kinds),
            bool(args.bilou),
            bool(args.names),
            bool(args.kind_nouns),
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
