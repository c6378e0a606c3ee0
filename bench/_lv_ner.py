"""Latvian NER on a FullStack-LV NER file: exact-span P/R/F1, base-form accuracy, speed.

`score_ner(path)` tags every sentence of a `.conll2003` file with `LatvianNer` (gold
tokens; the gold lemma/UPOS/FEATS feed only the base forms, unless `morphology` is given)
and returns per-type precision/recall/F1 over outer entities with GPE and location counted
as LOC, the micro average over PER/ORG/LOC, and tokens per second of `find` (CPU time of
this process, so that other work on a shared machine does not count; one fresh model, so
its per-word memo starts empty).

Base forms have no gold column, so the reference is built from the data: a name's
reference is how the same entity (same type and lemmas) is written when its head is in the
nominative somewhere in the file or in train; a single-word name without such a mention
has its lemma with the surface capitalisation. Mentions without a reference are counted,
not scored.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

from conll2003 import NerSentence, read_conll2003, spans  # noqa: E402

from newsmill.lang.lv.base_forms import base_form, recase  # noqa: E402
from newsmill.lang.lv.ner import LatvianNer  # noqa: E402
from newsmill.lang.tokens import Sentence, Token  # noqa: E402

TRAIN = REPO.parent / "shared" / "data" / "lv" / "fullstack-ner" / "train.conll2003"
COARSE = {
    "person": "PER",
    "organization": "ORG",
    "GPE": "LOC",
    "location": "LOC",
    "product": "MISC",
    "event": "MISC",
    "entity": "MISC",
    "money": "MISC",
    "time": "TIME",
}
MAIN = ("PER", "ORG", "LOC")
Analyser = Callable[[list[str]], list[tuple[str, str, str]]]


def to_sentence(s: NerSentence, analyses: Sequence[tuple[str, str, str]] | None = None) -> Sentence:
    """A `Sentence` over the gold tokens with offsets into `s.text` (or a joined text)."""
    toks: list[Token] = []
    pos = 0
    for i, form in enumerate(s.forms):
        lemma, upos, feats = analyses[i] if analyses else (s.lemmas[i], s.upos[i], s.feats[i])
        toks.append(Token(form, pos, pos + len(form), lemma, upos, feats))
        pos += len(form) + (1 if s.space_after[i] else 0)
    return Sentence(0, pos, tuple(toks))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": n_gold, "pred": n_pred}


def _is_nominative(s: NerSentence, a: int, b: int, kind: str) -> bool:
    idx = [i for i in range(a, b) if any(ch.isalnum() for ch in s.forms[i])]
    if not idx:
        return False
    cases = [dict(p.partition("=")[::2] for p in s.feats[i].split("|")).get("Case") for i in idx]
    if kind == "person":
        return all(c in (None, "Nom") for c in cases)
    return cases[-1] == "Nom"


def _key(s: NerSentence, a: int, b: int, kind: str) -> tuple[str, ...]:
    return (
        kind,
        *(s.lemmas[i].lower() for i in range(a, b) if any(c.isalnum() for c in s.forms[i])),
    )


def references(files: Iterable[Iterable[NerSentence]]) -> dict[tuple[str, ...], str]:
    """Entity key -> its most frequent nominative spelling in the given data."""
    seen: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sents in files:
        for s in sents:
            for a, b, kind in spans(s.tags):
                if kind in ("time", "money") or not _is_nominative(s, a, b, kind):
                    continue
                sent = to_sentence(s)
                words = [t for t in sent.tokens[a:b]]
                seen[_key(s, a, b, kind)][base_form(words, "_nominative")] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in seen.items()}


def score_ner(
    ner_path: Path,
    *,
    models: Path | None = None,
    morphology: Analyser | None = None,
    reference_files: Sequence[Path] = (TRAIN,),
    limit: int | None = None,
) -> dict[str, Any]:
    """Scores of the NER model (packaged, or the `lv-ner.*` files in `models`) on a file
    (its first `limit` sentences when given)."""
    ner = LatvianNer.load(models)
    data = list(read_conll2003(ner_path))[:limit]
    t0 = time.process_time()
    analyses = [morphology(list(s.forms)) if morphology else None for s in data]
    morph_seconds = time.process_time() - t0
    sents = [to_sentence(s, a) for s, a in zip(data, analyses, strict=True)]
    n_tokens = sum(len(s.tokens) for s in sents)
    t0 = time.process_time()
    found = [ner.find(s) for s in sents]
    seconds = time.process_time() - t0
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for s, pred in zip(data, found, strict=True):
        gold = {(a, b, COARSE[k]) for a, b, k in spans(s.tags)}
        guess = {(e.first, e.last, COARSE.get(e.type, "MISC")) for e in pred}
        for g in gold:
            n_gold[g[2]] += 1
        for g in guess:
            n_pred[g[2]] += 1
            if g in gold:
                tp[g[2]] += 1
    kinds = sorted(set(n_gold) | set(n_pred))
    result: dict[str, Any] = {
        "file": str(ner_path),
        "tokens": n_tokens,
        "types": {k: prf(tp[k], n_pred[k], n_gold[k]) for k in kinds},
        "micro_per_org_loc": prf(
            sum(tp[k] for k in MAIN), sum(n_pred[k] for k in MAIN), sum(n_gold[k] for k in MAIN)
        ),
        "tokens_per_s": round(n_tokens / seconds) if seconds else 0,
        "analyses": "predicted" if morphology else "gold",
    }
    if morphology:
        result["morphology_and_ner_tokens_per_s"] = round(n_tokens / (seconds + morph_seconds))
    result["macro_f1_per_org_loc"] = round(sum(result["types"][k]["f1"] for k in MAIN) / 3, 4)
    result["base_forms"] = base_form_accuracy(data, sents, reference_files)
    return result


def base_form_accuracy(
    data: Sequence[NerSentence], sents: Sequence[Sentence], reference_files: Sequence[Path]
) -> dict[str, Any]:
    """Base forms of the gold spans against the nominative spellings of the same entities."""
    refs = references([data, *(read_conll2003(p) for p in reference_files)])
    right = total = missing = oblique_right = oblique_total = 0
    errors: list[str] = []
    for s, sent in zip(data, sents, strict=True):
        for a, b, kind in spans(s.tags):
            if kind in ("time", "money"):
                continue
            ref = refs.get(_key(s, a, b, kind))
            if ref is None and b - a == 1:
                ref = recase(s.forms[a], s.lemmas[a])
            if ref is None:
                missing += 1
                continue
            got = base_form(sent.tokens[a:b], kind)
            ok = got == ref
            total += 1
            right += ok
            if not _is_nominative(s, a, b, kind):
                oblique_total += 1
                oblique_right += ok
                if not ok and len(errors) < 40:
                    errors.append(f"{' '.join(s.forms[a:b])} -> {got} (ref {ref})")
    return {
        "accuracy": round(right / total, 4) if total else 0.0,
        "scored": total,
        "no_reference": missing,
        "oblique_accuracy": round(oblique_right / oblique_total, 4) if oblique_total else 0.0,
        "oblique_scored": oblique_total,
        "oblique_errors": errors,
    }


def format_scores(r: dict[str, Any]) -> str:
    lines = [
        f"{r['file']}: {r['tokens']:,} tokens, NER {r['tokens_per_s']:,} tokens/s, "
        f"{r['analyses']} lemmas/features for base forms"
    ]
    if "morphology_and_ner_tokens_per_s" in r:
        lines.append(f"morphology + NER: {r['morphology_and_ner_tokens_per_s']:,} tokens/s")
    lines.append(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    rows = [*r["types"].items(), ("micro", r["micro_per_org_loc"])]
    for k, v in rows:
        lines.append(
            f"{k:6} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['gold']:5} {v['pred']:5}"
        )
    lines.append(f"macro-F1 PER/ORG/LOC {r['macro_f1_per_org_loc']:.3f}")
    bf = r["base_forms"]
    lines.append(
        f"base forms: {bf['accuracy']:.3f} of {bf['scored']} ({bf['no_reference']} without "
        f"reference); not nominative: {bf['oblique_accuracy']:.3f} of {bf['oblique_scored']}"
    )
    lines.extend("  " + e for e in bf["oblique_errors"])
    return "\n".join(lines)


def main() -> None:
    """`python bench/_lv_ner.py [FILE] [--predicted]`: print the scores."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", default=TRAIN.parent / "dev.conll2003")
    parser.add_argument("--models", type=Path, help="folder with lv-ner.* (default: packaged)")
    parser.add_argument(
        "--predicted", action="store_true", help="base forms from LatvianMorphology, not gold"
    )
    args = parser.parse_args()
    morphology: Analyser | None = None
    if args.predicted:
        from newsmill.lang.lv.morphology import LatvianMorphology

        morphology = LatvianMorphology.load().analyse
    print(format_scores(score_ner(args.file, models=args.models, morphology=morphology)))


if __name__ == "__main__":
    main()
