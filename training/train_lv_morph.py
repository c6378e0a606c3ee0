"""Train the Latvian lemmatizer and tagger shipped as src/newsmill/models/lv-morph.{json,bin}.

Data: ../shared/data/lv/ud-lvtb/lv_fullstack-ud-train.conllu only (Latvian UD Treebank /
FullStack-LV, AI Lab, IMCS, University of Latvia; CC BY-SA 4.0). The dev file is read only
by --eval, never by training.

- Tagger: one L2-regularised logistic regression (scikit-learn, lbfgs) per head, UPOS and
  each UD feature ("_" = absent), over hashed features of the word and its neighbours
  (`newsmill.lang.lv.morph_features`). Weights are quantised to int8 per class column.
- Lexicon: form + UPOS -> the lemma it has most often in train (ties: alphabetical); with
  Case/Gender/Number where those pick another lemma; the form alone as a fallback. Plural
  noun lemmas whose singular train also has are moved to it, as newer releases write them.
- Lemma rules for unseen words (`newsmill.lang.lv.morph_rules`): the edit rules of at least
  two distinct train words, and an averaged perceptron (5 passes, fixed seed, integer
  updates) over the distinct (form, lemma, tag) entries of train, so frequent words do not
  drown the endings that unseen words (mostly names) share with rare ones.

Fixed and single-threaded: a rerun writes the same bytes.

    python training/train_lv_morph.py [--train FILE] [--out DIR] [--eval [--dev FILE]]

--eval-only scores the shipped model; --lemmas-only keeps the shipped tagger (the slow part,
minutes of CPU) and rebuilds the lemma tables (about one minute of CPU), for work on
lemmatisation.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
from conllu import Word, feature_value, read_conllu
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from newsmill.lang.lv.morph_features import BOS, EOS, OFFSETS, type_ids
from newsmill.lang.lv.morph_lemma import case_key, cased, sense_key
from newsmill.lang.lv.morph_rules import fitting, make_rule, rule_features

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "lv" / "ud-lvtb"
TRAIN = DATA / "lv_fullstack-ud-train.conllu"
DEV = DATA / "lv_lvtb-ud-dev.conllu"
MODELS = REPO / "src" / "newsmill" / "models"

BUCKETS = 1 << 17
C = 1.0
MAX_ITER = 300
#: Features the tagger predicts (Typo is annotators' noise, not morphology).
FEATURES = (
    "Case", "Number", "Gender", "Definite", "Degree", "VerbForm", "Tense", "Person", "Mood",
    "Voice", "Aspect", "Polarity", "Evident", "Reflex", "NumType", "PronType", "Poss",
    "Abbr", "Foreign",
)  # fmt: skip
#: A feature is kept for a UPOS when at least this share of its train tokens has it.
ALLOWED_SHARE = 0.01
#: A lemma rule needs this many distinct train words behind it.
MIN_RULE_COUNT = 2
#: Passes of the averaged perceptron that chooses rules, and its shuffling seed.
RULE_EPOCHS = 5
RULE_SEED = 0
#: Weights are stored as integers: the averaged weight times this.
RULE_SCALE = 100


def design_matrix(sentences: list[list[Word]]) -> sparse.csr_matrix:
    """Token rows, hashed-feature columns (counts), as the run-time scorer sums them."""
    memo: dict[tuple[str, bool], list[list[int]]] = {}

    def ids(word: str, first: bool) -> list[list[int]]:
        key = (word, first)
        if key not in memo:
            memo[key] = type_ids(word, first, BUCKETS)
        return memo[key]

    indices: list[int] = []
    indptr = [0]
    for sentence in sentences:
        words = [w.form for w in sentence]
        padded = [BOS, BOS, *words, EOS, EOS]
        for i, word in enumerate(words):
            indices.extend(ids(word, i == 0)[0])
            for j, off in enumerate(OFFSETS):
                indices.extend(ids(padded[2 + i + off], False)[j + 1])
            indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix(
        (data, np.asarray(indices), np.asarray(indptr)), shape=(len(indptr) - 1, BUCKETS)
    )
    matrix.sum_duplicates()
    return matrix


def fit_head(x: sparse.csr_matrix, labels: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Classes, weights (buckets x classes) and biases of one softmax head."""
    classes = sorted(set(labels))
    y = np.asarray([classes.index(label) for label in labels])
    if len(classes) == 1:
        return classes, np.zeros((BUCKETS, 1)), np.zeros(1)
    model = LogisticRegression(C=C, max_iter=MAX_ITER, tol=1e-4)
    model.fit(x, y)
    coef, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # one logit: class 0 scores 0, class 1 the logit
        coef = np.vstack([np.zeros_like(coef), coef])
        bias = np.asarray([0.0, bias[0]])
    return classes, coef.T, bias


def train_tagger(sentences: list[list[Word]]) -> tuple[dict[str, object], bytes]:
    x = design_matrix(sentences)
    words = [w for s in sentences for w in s]
    print(f"{x.shape[0]} tokens, {x.nnz} non-zeros", file=sys.stderr)
    heads: list[list[object]] = []
    weights: list[np.ndarray] = []
    biases: list[np.ndarray] = []
    targets = [("UPOS", [w.upos for w in words])]
    targets += [(name, [feature_value(w.feats, name, "_") for w in words]) for name in FEATURES]
    for name, labels in targets:
        classes, coef, bias = fit_head(x, labels)
        print(f"  {name}: {len(classes)} classes", file=sys.stderr)
        heads.append([name, classes])
        weights.append(coef)
        biases.append(bias)
    w = np.hstack(weights)
    scale = np.abs(w).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    about: dict[str, object] = {
        "buckets": BUCKETS,
        "heads": heads,
        "scale": [float(np.float32(s)) for s in scale],
        "bias": [float(np.float32(b)) for b in np.concatenate(biases)],
    }
    return about, np.ascontiguousarray(quantised).tobytes()


def allowed_features(words: list[Word]) -> dict[str, list[str]]:
    """Per UPOS, the features at least ALLOWED_SHARE of its train tokens carry."""
    total: Counter[str] = Counter(w.upos for w in words)
    seen: Counter[tuple[str, str]] = Counter()
    for w in words:
        for pair in w.feats.split("|"):
            if "=" in pair:
                seen[(w.upos, pair.split("=", 1)[0])] += 1
    out: dict[str, list[str]] = defaultdict(list)
    for (upos, name), count in sorted(seen.items()):
        if count >= ALLOWED_SHARE * total[upos]:
            out[upos].append(name)
    return dict(sorted(out.items()))


def majority(counts: Counter[str]) -> str:
    """The most frequent value; ties go to the alphabetically first, so reruns agree."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def build_lexicon(words: list[Word]) -> dict[str, str]:
    """form + UPOS -> lemma; form alone (key without a tab) for a UPOS the form never had;
    form + UPOS + Case/Gender/Number (`sense_key`) where that picks another lemma."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for w in words:
        if w.lemma != "_":
            counts[w.form + "\t" + w.upos][w.lemma] += 1
            counts[w.form][w.lemma] += 1
            counts[sense_key(w.form, w.upos, w.feats)][w.lemma] += 1
    best = {key: majority(c) for key, c in sorted(counts.items())}
    return {
        key: lemma
        for key, lemma in best.items()
        if key.count("\t") < 2 or best[key.rsplit("\t", 1)[0]] != lemma
    }


def build_keep_case(words: list[Word]) -> list[str]:
    """Case keys (UPOS, all-caps) whose capitalised forms mostly keep capitals in the lemma."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for w in words:
        if w.form[:1].isupper():
            keep = "keep" if w.lemma[:1].isupper() else "lower"
            counts[case_key(w.form, w.upos)][keep] += 1
    return sorted(key for key, c in counts.items() if majority(c) == "keep")


def _no_gender(feats: str) -> str:
    return "|".join(p for p in feats.split("|") if not p.startswith("Gender="))


def rule_examples(
    words: list[Word], keep_case: set[str]
) -> list[tuple[str, tuple[str, str, str], str, str]]:
    """(base, rule, upos, feats) of each distinct train word; names once more without their
    gender, as the run time passes them when the tagger is unsure of it."""
    entries = sorted({(w.form, w.lemma, w.upos, w.feats) for w in words if w.lemma != "_"})
    out = []
    for form, lemma, upos, feats in entries:
        base = cased(form, case_key(form, upos) in keep_case)
        rule = make_rule(base, lemma)
        out.append((base, rule, upos, feats))
        if upos == "PROPN" and "Gender=" in feats:
            out.append((base, rule, upos, _no_gender(feats)))
    return out


def train_rules(words: list[Word], keep_case: set[str]) -> dict[str, object]:
    """The rules of at least MIN_RULE_COUNT train words, and an averaged perceptron over
    `rule_features` that picks among the rules fitting a word (fixed seed and order, integer
    updates: a rerun gives the same weights)."""
    examples = rule_examples(words, keep_case)
    counts = Counter(rule for _, rule, _, _ in examples)
    rules = sorted(rule for rule, count in counts.items() if count >= MIN_RULE_COUNT)
    number = {rule: i for i, rule in enumerate(rules)}
    by_ending: dict[str, list[int]] = defaultdict(list)
    for i, rule in enumerate(rules):
        by_ending[rule[1]].append(i)
    longest = max(len(rule[1]) for rule in rules)
    data = [
        (
            rule_features(base.lower(), upos, feats),
            fitting(by_ending, rules, base, longest),
            number[rule],
        )
        for base, rule, upos, feats in examples
        if rule in number
    ]
    weights: dict[str, dict[int, int]] = defaultdict(dict)
    stamped: dict[str, dict[int, int]] = defaultdict(dict)  # update times, for the average
    order = list(range(len(data)))
    rng = random.Random(RULE_SEED)
    step = 1
    for epoch in range(RULE_EPOCHS):
        rng.shuffle(order)
        wrong = 0
        for i in order:
            feats, candidates, gold = data[i]
            if len(candidates) > 1:
                scores = dict.fromkeys(candidates, 0)
                for feature in feats:
                    row = weights.get(feature)
                    if row:
                        for rule, value in row.items():
                            if rule in scores:
                                scores[rule] += value
                guess = max(candidates, key=lambda rule: (scores[rule], -rule))
                if guess != gold:
                    wrong += 1
                    for feature in feats:
                        row, times = weights[feature], stamped[feature]
                        row[gold] = row.get(gold, 0) + 1
                        times[gold] = times.get(gold, 0) + step
                        row[guess] = row.get(guess, 0) - 1
                        times[guess] = times.get(guess, 0) - step
            step += 1
        print(f"  rules epoch {epoch}: {wrong} of {len(data)} wrong", file=sys.stderr)
    table: dict[str, list[int]] = {}
    for feature in sorted(weights):
        flat: list[int] = []
        for rule in sorted(weights[feature]):
            value = weights[feature][rule] - stamped[feature][rule] / step
            scaled = round(value * RULE_SCALE)
            if scaled:
                flat += [rule, scaled]
        if flat:
            table[feature] = flat
    return {"rules": [list(rule) for rule in rules], "rule_weights": table}


def singular_lemmas(words: list[Word]) -> dict[str, str]:
    """Plural noun lemmas that newer treebank releases write in the singular: the v2.5 train
    file marks `tiesības`, `resursi`, `vecāki` as plurale tantum (Number=Ptan), the v2.12+
    releases lemmatise them `tiesība`, `resurss`, `vecāks`, and keep the plural only for true
    pluralia tantum (`durvis`, `svētki`). A Ptan lemma is taken for a plain plural when train
    itself has its singular as the lemma of nouns not marked Ptan."""
    singular = {w.lemma for w in words if w.upos == "NOUN" and "Number=Ptan" not in w.feats}
    plural = sorted({w.lemma for w in words if w.upos == "NOUN" and "Number=Ptan" in w.feats})
    out: dict[str, str] = {}
    for lemma in plural:
        if lemma.endswith("i"):
            options = [lemma[:-1] + "s", lemma[:-1] + "š", lemma[:-1] + "is"]
        elif lemma.endswith(("as", "es")):
            options = [lemma[:-1]]
        else:
            continue
        found = [option for option in options if option in singular]
        if found:
            out[lemma] = found[0]
    return out


def modern_lemmas(words: list[Word]) -> list[Word]:
    """The words with the plural lemmas of `singular_lemmas` moved to the singular."""
    moved = singular_lemmas(words)
    return [
        replace(w, lemma=moved[w.lemma]) if w.upos == "NOUN" and w.lemma in moved else w
        for w in words
    ]


def lemma_tables(words: list[Word]) -> dict[str, object]:
    words = modern_lemmas(words)
    keep_case = build_keep_case(words)
    return {
        "keep_case": keep_case,
        "lexicon": build_lexicon(words),
        **train_rules(words, set(keep_case)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--out", type=Path, default=MODELS, help="folder for the model files")
    parser.add_argument("--eval", action="store_true", help="print dev figures after training")
    parser.add_argument("--eval-only", action="store_true", help="score the shipped model")
    parser.add_argument(
        "--lemmas-only", action="store_true", help="keep the shipped tagger, rebuild lemma tables"
    )
    args = parser.parse_args()
    if not args.eval_only:
        sentences = list(read_conllu(args.train))
        words = [w for s in sentences for w in s]
        if args.lemmas_only:
            about = json.loads((MODELS / "lv-morph.json").read_text(encoding="utf-8"))
            weights = (MODELS / "lv-morph.bin").read_bytes()
            about = {k: about[k] for k in ("buckets", "heads", "scale", "bias")}
        else:
            about, weights = train_tagger(sentences)
        about = {
            "about": "Latvian lemmas, UPOS and UD features; trained by training/train_lv_morph.py "
            "on the Latvian UD Treebank / FullStack-LV (AI Lab, IMCS, University of Latvia), "
            "CC BY-SA 4.0",
            **about,
            "allowed": allowed_features(words),
            **lemma_tables(words),
        }
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "lv-morph.bin").write_bytes(weights)
        text = json.dumps(about, ensure_ascii=False, separators=(",", ":")) + "\n"
        (args.out / "lv-morph.json").write_text(text, encoding="utf-8")
        for name in ("lv-morph.json", "lv-morph.bin"):
            print(f"wrote {args.out / name} ({(args.out / name).stat().st_size / 1e6:.2f} MB)")
    if args.eval or args.eval_only:
        sys.path.insert(0, str(REPO / "bench"))
        from _lv_morph import score_morphology

        print(json.dumps(score_morphology(args.dev), indent=2))


if __name__ == "__main__":
    main()
