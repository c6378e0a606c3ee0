"""Score newsmill's Latvian language layer: tokens, lemmas, entities, dates, and speed.

- tokens and sentence boundaries against the treebank (`--ud`);
- lemma accuracy (all tokens, PROPN) and UPOS beside simplemma (`--ud`);
- NER precision/recall/F1 by type and micro over PER/ORG/LOC, exact spans (`--ner`);
- date resolution exact values beside dateparser on the hand-made set (`--dates`);
- the whole layer (tokens, tags, entities, dates, events) in tokens per second on the
  documents of the NER file, one process.

Usage: .venv/bin/python bench/lv.py [--ud FILE] [--ner FILE] [--dates FILE] [--json OUT]
Defaults are the dev files in ../shared/data/lv and bench/data/lv-dates.jsonl.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

import _common as common

DATA = common.SHARED / "data" / "lv"
DEFAULT_UD = DATA / "ud-lvtb" / "lv_lvtb-ud-dev.conllu"
DEFAULT_NER = DATA / "fullstack-ner" / "dev.conll2003"
DEFAULT_DATES = common.BENCH / "data" / "lv-dates.jsonl"


def ner_documents(path: Path) -> list[tuple[str, ...]]:
    """The paragraphs of each document of a CoNLL-2003-over-CoNLL-U file."""
    documents: list[list[list[str]]] = []
    current = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            # Each paragraph repeats its document's id: a new id starts a new document.
            if (line.startswith("# newdoc") and line != current) or not documents:
                current = line if line.startswith("# newdoc") else current
                documents.append([])
            if line.startswith("# newpar") or not documents[-1]:
                documents[-1].append([])
            if line.startswith("# text = "):
                documents[-1][-1].append(line[9:].rstrip("\n"))
    return [
        tuple(" ".join(sentences) for sentences in document if sentences)
        for document in documents
        if any(document)
    ]


def score_layer(ner_path: Path) -> dict[str, Any]:
    """The whole Latvian layer over every document (an article of its paragraphs), timed
    after the models are loaded, as CPU time of this process and as wall time."""
    from newsmill.lang.analyze import LatvianAnalyzer
    from newsmill.record import Article, Source

    analyzer = LatvianAnalyzer()
    articles = [
        Article(Source(uri=f"document-{n}", kind="text"), paragraphs, published="2023-09-28")
        for n, paragraphs in enumerate(ner_documents(ner_path))
    ]
    started, cpu_started = time.perf_counter(), time.process_time()
    tokens = 0
    for article in articles:
        analysed = analyzer.analyse(article)
        tokens += sum(len(sentence.tokens) for sentence in analysed.sentences)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "documents": len(articles),
        "tokens": tokens,
        "seconds": round(seconds, 2),
        "tokens_per_second": round(tokens / seconds),
        "tokens_per_cpu_second": round(tokens / cpu_seconds),
    }


def _bench_module(name: str) -> Any:
    """A module of bench/ loaded from its file: bench/ is off sys.path (see _common)."""
    spec = importlib.util.spec_from_file_location(name, common.BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=DEFAULT_UD, help="CoNLL-U file")
    parser.add_argument("--ner", type=Path, default=DEFAULT_NER, help="CoNLL-2003 file")
    parser.add_argument("--dates", type=Path, default=DEFAULT_DATES, help="dates JSONL")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    for path in (args.ud, args.ner, args.dates):
        if not path.is_file():
            print(f"bench/lv.py: no such file: {path}", file=sys.stderr)
            return 2
    common.use_working_tree()
    _lv_dates, _lv_morph, _lv_ner, _lv_tokens = (
        _bench_module(name) for name in ("_lv_dates", "_lv_morph", "_lv_ner", "_lv_tokens")
    )

    results: dict[str, Any] = {
        "command": " ".join(["bench/lv.py", *(argv if argv is not None else sys.argv[1:])]),
        "files": {"ud": str(args.ud), "ner": str(args.ner), "dates": str(args.dates)},
    }
    for name, run in (
        ("tokenizer", lambda: _lv_tokens.score_tokens(args.ud)),
        ("morphology", lambda: _lv_morph.score_morphology(args.ud)),
        ("ner", lambda: _lv_ner.score_ner(args.ner)),
        ("dates", lambda: _lv_dates.score_dates(args.dates)),
        ("layer", lambda: score_layer(args.ner)),
    ):
        results[name] = run()
        print(f"== {name}\n{json.dumps(results[name], indent=2, ensure_ascii=False)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
