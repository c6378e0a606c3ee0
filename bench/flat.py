"""Score newsmill and the anchors on crawler-flattened pages.

A dataset directory holds `text/<id>.txt` (a page flattened to text lines by a crawler) and
`ground-truth.json` = `{id: {"articleBody": gold text, "url": ...}}`. Systems:

- newsmill         `newsmill.extract_text(text, uri=path, analyse=False).text` (extraction only)
- keep-everything  the input text unchanged
- jusText          the lines as `<p>` elements of an HTML page; its good paragraphs
- trafilatura      the same HTML page; `trafilatura.extract(...)`

Metric: `newsmill.evaluation.score` (ScrapingHub: 4-gram shingle P/R averaged over pages).
Usage: .venv/bin/python bench/flat.py [--data DIR ...] [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as common
from _common import Page, System

DEFAULT_DATA = (
    common.SHARED / "bench" / "flattened-scrapinghub",
    common.SHARED / "bench" / "flattened-wcxb-dev-articles",
)
EXIT_DATA = 2


class DataError(Exception):
    """A dataset directory is missing or malformed."""


def load_pages(directory: Path, limit: int | None) -> list[Page]:
    """The pages of one flattened dataset, by sorted id; the first `limit` when given."""
    truth_path = directory / "ground-truth.json"
    text_dir = directory / "text"
    if not truth_path.is_file() or not text_dir.is_dir():
        raise DataError(
            f"{directory}: not a flattened dataset (needs ground-truth.json and text/); "
            "give another with --data DIR"
        )
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    pages = []
    for page_id in ids:
        path = text_dir / f"{page_id}.txt"
        if not path.is_file():
            raise DataError(f"{path}: missing, but {page_id} is in {truth_path}")
        text = path.read_text(encoding="utf-8")
        pages.append(Page(page_id, path, text, truth[page_id]["articleBody"]))
    return pages


def newsmill_system() -> System:
    """newsmill's flat-text extractor; when it cannot be imported, every page fails."""

    def build(extract_text: Callable[..., Any]) -> Callable[[Page], str]:
        def run(page: Page) -> str:
            return str(extract_text(page.input, uri=str(page.path), analyse=False).text)

        return run

    return common.subject_system(build)


def on_lines_html(extract: Callable[[str], str]) -> Callable[[Page], str]:
    """An HTML extractor run on the page's lines as <p> elements (building them is timed)."""

    def run(page: Page) -> str:
        return extract(common.lines_to_html(page.input))

    return run


def systems() -> list[System]:
    return [
        newsmill_system(),
        System("keep-everything", lambda page: page.input),
        System("jusText", on_lines_html(common.justext_extract)),
        System("trafilatura", on_lines_html(common.trafilatura_extract)),
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score newsmill and the anchors on crawler-flattened pages.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        metavar="DIR",
        help="a flattened dataset (text/<id>.txt + ground-truth.json); repeatable; "
        "default: ../shared/bench/flattened-scrapinghub and flattened-wcxb-dev-articles",
    )
    common.add_run_arguments(parser)
    args = parser.parse_args(argv)
    common.check_run_arguments(parser, args)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    directories: list[Path] = args.data or list(DEFAULT_DATA)
    if not common.data_directories_exist(directories, defaults=not args.data):
        return EXIT_DATA
    try:
        datasets = [(d, load_pages(d, args.limit)) for d in directories]
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except (OSError, ValueError, KeyError) as exc:  # unreadable file, bad JSON, no articleBody
        print(f"error: reading the data: {common.describe(exc)}", file=sys.stderr)
        return EXIT_DATA

    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    score = common.load_score()
    contenders = systems()
    results = []
    for directory, pages in datasets:
        result = common.run_dataset(directory.name, directory, pages, contenders, score)
        results.append(result)
        print(common.format_dataset(result), end="\n\n", flush=True)
    everything = common.pooled(results, score) if len(results) > 1 else None
    if everything is not None:
        print(common.format_dataset(everything), end="\n\n")

    command = common.command_line()
    if args.json:
        common.write_json(
            args.json,
            {
                "benchmark": "flat",
                "command": command,
                "started": started,
                "limit": args.limit,
                "metric": "ScrapingHub: 4-gram shingles of \\w+ tokens, P and R averaged over "
                "pages, F1 of the averages (newsmill.evaluation.score)",
                "settings": {
                    "anchor_input": "each non-blank input line, stripped and HTML-escaped, as "
                    "one <p> in <html><body>",
                    "justext_stoplist": common.JUSTEXT_STOPLIST,
                    "trafilatura": common.TRAFILATURA_OPTIONS,
                    "timing": "extract calls only, per page; for jusText and trafilatura "
                    "building the <p> page is included; one untimed warm-up call per system "
                    "and dataset (warmup_seconds: imports, model loading, and for newsmill "
                    "numba's compile of its kernels, or loading them from __pycache__ once "
                    "compiled)",
                    "failure": "a page whose extraction raises is scored as empty",
                },
                "versions": common.versions(),
                "datasets": [common.dataset_json(r) for r in results],
                "pooled": common.dataset_json(everything) if everything else None,
            },
        )
        print(f"figures written to {args.json}")
    print(f"command: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
