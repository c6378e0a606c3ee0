"""Score the Latvian lemmatizer and tagger on a CoNLL-U file, with simplemma beside it.

`score_morphology(path)` returns lemma accuracy on all tokens, on words (PUNCT skipped, as
the treebank README advises: quote lemmas changed between UD releases) and on PROPN; UPOS
accuracy; per-feature accuracy for Case, Number and Gender (a token counts as right when the
predicted value, or its absence, equals the gold one); exact FEATS; tokens per second analysing
the whole file in batches of 256 sentences, cold (a freshly loaded model: every word is new
to it) and steady (the same file again: the model keeps the features of words it has seen,
as it does over a long run of articles), both also per CPU second (the machine may be
shared); and simplemma's lemma accuracy (`simplemma.lemmatize(word, lang="lv")`) on the
same tokens when installed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "training") not in sys.path:
    sys.path.insert(0, str(REPO / "training"))

from conllu import Word, feature_value, read_conllu  # noqa: E402

from newsmill.lang.lv.morphology import LatvianMorphology  # noqa: E402

BATCH = 256
FEATURES = ("Case", "Number", "Gender")


def _lemma_scores(gold: list[Word], lemmas: list[str]) -> dict[str, float]:
    def acc(keep: list[int]) -> float:
        return sum(lemmas[i] == gold[i].lemma for i in keep) / max(1, len(keep))

    every = list(range(len(gold)))
    return {
        "lemma_all": acc(every),
        "lemma_words": acc([i for i in every if gold[i].upos != "PUNCT"]),
        "lemma_propn": acc([i for i in every if gold[i].upos == "PROPN"]),
    }


def _run(model: LatvianMorphology, forms: list[list[str]]) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for at in range(0, len(forms), BATCH):
        for row in model.analyse_many(forms[at : at + BATCH]):
            found.extend(row)
    return found


def score_morphology(ud_path: Path) -> dict[str, Any]:
    """Dev-style figures for newsmill (and simplemma's lemmas) on one CoNLL-U file."""
    sentences = list(read_conllu(ud_path))
    gold = [w for s in sentences for w in s]
    forms = [[w.form for w in s] for s in sentences]
    started = time.perf_counter()
    model = LatvianMorphology.load()
    loaded = time.perf_counter()
    cold_cpu = time.process_time()
    found = _run(model, forms)
    cold = time.perf_counter() - loaded
    cold_cpu = time.process_time() - cold_cpu
    steady_cpu = time.process_time()
    steady = time.perf_counter()
    _run(model, forms)
    steady = time.perf_counter() - steady
    steady_cpu = time.process_time() - steady_cpu
    result: dict[str, Any] = {
        "file": str(ud_path),
        "sentences": len(sentences),
        "tokens": len(gold),
        "propn": sum(w.upos == "PROPN" for w in gold),
        "newsmill": _lemma_scores(gold, [f[0] for f in found]),
        "load_seconds": loaded - started,
        "tokens_per_second_cold": len(gold) / cold,
        "tokens_per_cpu_second_cold": len(gold) / cold_cpu,
        "tokens_per_second": len(gold) / steady,
        "tokens_per_cpu_second": len(gold) / steady_cpu,
    }
    n = len(gold)
    news = result["newsmill"]
    news["upos"] = sum(f[1] == w.upos for f, w in zip(found, gold, strict=True)) / n
    news["feats_exact"] = sum(f[2] == w.feats for f, w in zip(found, gold, strict=True)) / n
    for name in FEATURES:
        news[name.lower()] = (
            sum(
                feature_value(f[2], name) == feature_value(w.feats, name)
                for f, w in zip(found, gold, strict=True)
            )
            / n
        )
    try:
        import simplemma
    except ImportError:
        result["simplemma"] = None
    else:
        lemmas = [simplemma.lemmatize(w.form, lang="lv") for w in gold]
        result["simplemma"] = _lemma_scores(gold, lemmas)
    return result


if __name__ == "__main__":
    import json

    default = REPO.parent / "shared" / "data" / "lv" / "ud-lvtb" / "lv_lvtb-ud-dev.conllu"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print(json.dumps(score_morphology(path), indent=2))
