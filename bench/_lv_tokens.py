"""Tokens and sentence boundaries of newsmill's Latvian tokenizer against a CoNLL-U file.

Each treebank paragraph's sentences are joined with a space and cut again; a token or a
boundary counts when its character offsets match the treebank's exactly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def paragraphs(conllu: Path) -> Iterator[list[tuple[str, list[str]]]]:
    """Each paragraph as (sentence text, gold token forms) pairs."""
    paragraph: list[tuple[str, list[str]]] = []
    text: str | None = None
    forms: list[str] = []
    with conllu.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# newpar") and paragraph:
                yield paragraph
                paragraph = []
            elif line.startswith("# text = "):
                text, forms = line[9:].rstrip("\n"), []
            elif not line.strip() and text is not None:
                paragraph.append((text, forms))
                text = None
            elif text is not None and line[:1].isdigit():
                columns = line.split("\t")
                if columns[0].isdigit():
                    forms.append(columns[1])
    if paragraph:
        yield paragraph


def _spans(forms: list[str], text: str, offset: int) -> set[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    position = 0
    for form in forms:
        found = text.find(form, position)
        if found < 0:
            return set()
        spans.add((offset + found, offset + found + len(form)))
        position = found + len(form)
    return spans


def _f1(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_tokens(conllu: Path) -> dict[str, Any]:
    from newsmill.lang.lv.tokenize import split_sentences

    token_hits = token_predicted = token_gold = 0
    bound_hits = bound_predicted = bound_gold = 0
    seconds = 0.0
    for paragraph in paragraphs(conllu):
        text = " ".join(sentence for sentence, _ in paragraph)
        gold_tokens: set[tuple[int, int]] = set()
        gold_bounds: set[int] = set()
        offset = 0
        for sentence, forms in paragraph:
            gold_tokens |= _spans(forms, sentence, offset)
            offset += len(sentence)
            gold_bounds.add(offset)
            offset += 1
        gold_bounds.discard(len(text))
        started = time.perf_counter()
        sentences = split_sentences(text)
        seconds += time.perf_counter() - started
        tokens = {(t.start, t.end) for s in sentences for t in s.tokens}
        bounds = {s.end for s in sentences[:-1]}
        token_hits += len(tokens & gold_tokens)
        token_predicted += len(tokens)
        token_gold += len(gold_tokens)
        bound_hits += len(bounds & gold_bounds)
        bound_predicted += len(bounds)
        bound_gold += len(gold_bounds)
    return {
        "tokens": _f1(token_hits, token_predicted, token_gold),
        "sentence_boundaries": _f1(bound_hits, bound_predicted, bound_gold),
        "tokens_per_second": round(token_predicted / seconds) if seconds else 0,
    }
