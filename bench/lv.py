"""Score newsmill's Latvian language layer: tokens, lemmas, entities, dates, and speed.

- tokens and sentence boundaries against the treebank (`--ud`);
- lemma accuracy (all tokens, PROPN) and UPOS beside simplemma (`--ud`);
- NER precision/recall/F1 by type and micro over PER/ORG/LOC, exact spans (`--ner`);
- date resolution exact values beside dateparser on the hand-made set (`--dates`);
- the whole layer (tokens, tags, entities, dates, events) in tokens per second on the
  documents of the NER file, one process: cold (a fresh process) and after warming up on
  other documents (`--warm`, the train split), as in a long ingest.

Usage: .venv/bin/python bench/lv.py [--ud FILE] [--ner FILE] [--dates FILE] [--warm FILE]
                                    [--only PART,...] [--runs N] [--json OUT]
Defaults are the dev files in ../shared/data/lv and bench/data/lv-dates.jsonl; parts are
tokenizer, morphology, ner, dates, layer.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import _common as common

DATA = common.SHARED / "data" / "lv"
DEFAULT_UD = DATA / "ud-lvtb" / "lv_lvtb-ud-dev.conllu"
DEFAULT_NER = DATA / "fullstack-ner" / "dev.conll2003"
DEFAULT_WARM = DATA / "fullstack-ner" / "train.conll2003"
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


def score_layer(ner_path: Path, warm_path: Path | None = None, runs: int = 5) -> dict[str, Any]:
    """The whole Latvian layer over every document (an article of its paragraphs), timed
    after the models are loaded, as CPU time of this process and as wall time.

    Cold: a fresh process, so every word is new to the caches of the morphology and NER.
    With ``warm_path``, also the steady state of a long run (an ingest): a second fresh
    process first analyses the first WARM_DOCUMENTS documents of that file (other
    documents: the train split), then is timed on the same documents as the cold run.

    Each is measured in ``runs`` fresh processes: on a shared virtual machine one run can
    be a third slower than the next with the same code, so the best run is the figure
    (what the code costs when it gets a core to itself), with the median and every run
    beside it.
    """
    results = {"cold": _best_of(runs, ner_path, None)}
    if warm_path is not None and warm_path.is_file():
        results["after_warm_up"] = _best_of(runs, ner_path, warm_path)
    return results


def _best_of(runs: int, ner_path: Path, warm_path: Path | None) -> dict[str, Any]:
    measured = [_layer_in_fresh_process(ner_path, warm_path) for _ in range(max(1, runs))]
    rates = sorted(run["tokens_per_cpu_second"] for run in measured)
    best = max(measured, key=lambda run: run["tokens_per_cpu_second"])
    return {
        **best,
        "runs": len(measured),
        "median_tokens_per_cpu_second": rates[len(rates) // 2],
        "all_tokens_per_cpu_second": rates,
    }


WARM_DOCUMENTS = 300


def _layer_in_fresh_process(ner_path: Path, warm_path: Path | None) -> dict[str, Any]:
    """This script again, in a new interpreter, timing the layer and printing JSON."""
    command = [sys.executable, __file__, "--layer-child", str(ner_path)]
    if warm_path is not None:
        command += ["--warm", str(warm_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _time_layer(ner_path: str, warm_path: str | None) -> dict[str, Any]:
    common.use_working_tree()
    from newsmill.lang.analyze import LatvianAnalyzer
    from newsmill.record import Article, Source

    def articles(path: str, limit: int | None = None) -> list[Article]:
        documents = ner_documents(Path(path))[:limit]
        return [
            Article(Source(uri=f"document-{n}", kind="text"), paragraphs, published="2023-09-28")
            for n, paragraphs in enumerate(documents)
        ]

    analyzer = LatvianAnalyzer()
    warm_up = articles(warm_path, WARM_DOCUMENTS) if warm_path else []
    for article in warm_up:
        analyzer.analyse(article)
    timed = articles(ner_path)
    started, cpu_started = time.perf_counter(), time.process_time()
    tokens = 0
    for article in timed:
        analysed = analyzer.analyse(article)
        tokens += sum(len(sentence.tokens) for sentence in analysed.sentences)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    return {
        "warm_up_documents": len(warm_up),
        "documents": len(timed),
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
    parser.add_argument(
        "--warm", type=Path, help=f"CoNLL-2003 file to warm up on (default {DEFAULT_WARM.name})"
    )
    parser.add_argument("--only", help="comma-separated parts to run (default: all)")
    # Internal: the timed layer run, in the fresh interpreter score_layer starts.
    parser.add_argument(
        "--runs", type=int, default=5, help="fresh processes per layer timing (best is kept)"
    )
    parser.add_argument("--layer-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    if args.layer_child:
        warm = str(args.warm) if args.warm else None
        print(json.dumps(_time_layer(str(args.layer_child), warm)))
        return 0
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
        ("layer", lambda: score_layer(args.ner, args.warm or DEFAULT_WARM, args.runs)),
    ):
        if only is not None and name not in only:
            continue
        results[name] = run()
        print(f"== {name}\n{json.dumps(results[name], indent=2, ensure_ascii=False)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
