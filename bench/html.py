"""Score newsmill and the anchors on HTML pages, with page types and metadata.

A dataset directory holds `html/<id>.html.gz` (gzip UTF-8 pages) and gold text, in one of two
layouts:

- ScrapingHub: `ground-truth.json` = `{id: {"articleBody": gold text, "url": ...}}`; every
  page is a news or blog article (page type `article`).
- WCXB: `ground-truth/<id>.json` = `{"url", "ground_truth": {"title", "author",
  "publish_date", "main_content", ...}}` and `metadata.json` = `{"files": {id: {"page_type":
  ...}}}`. F1 is reported per page type and for all pages; article pages are the headline,
  and on them the title, publish day and authors are scored too (newsmill, trafilatura).

Systems, each given the same decoded page (`str`): newsmill
(`extract_text(html, uri=path, url=url, analyse=False)`, extraction only),
trafilatura, readability-lxml, Resiliparse, jusText. The page's address (the gold's `url`,
as a crawl record holds it) goes to newsmill and to trafilatura's metadata step
(`extract_metadata(html, default_url=url)`), the two systems scored on metadata.
Metric: `newsmill.evaluation.score` (ScrapingHub: 4-gram shingle P/R averaged over pages).
Usage: .venv/bin/python bench/html.py [--data DIR ...] [--limit N] [--json OUT]
       [--page-type TYPE]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import logging
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _common as common
from _common import DatasetResult, Page, System

DEFAULT_DATA = (
    common.SHARED / "bench" / "scrapinghub",
    common.SHARED / "bench" / "wcxb-dev",
)
EXIT_DATA = 2
HEADLINE_TYPE = "article"
UNLISTED = "unlisted"  # a WCXB page that metadata.json does not list
PAGE_TYPES = ("article", "service", "forum", "documentation", "listing", "collection", "product")
METADATA_SYSTEMS = (common.SUBJECT, "trafilatura")
# Loggers of the anchors: their warnings ("discarding data", ...) would flood stderr; what
# they report shows in the figures (an empty extraction) anyway.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "readability", "justext")


class DataError(Exception):
    """A dataset directory is missing or malformed."""


@dataclass(frozen=True)
class HtmlPage(Page):
    page_type: str = HEADLINE_TYPE
    title: str | None = None  # gold metadata: WCXB only
    author: str | None = None
    published: str | None = None
    url: str | None = None  # the address the page was fetched from, as a crawl record has it


@dataclass
class Dataset:
    directory: Path
    layout: str  # "scrapinghub" or "wcxb"
    pages: list[HtmlPage]
    no_gold: int = 0  # pages of the selected type left out: gold text missing or blank
    unlisted: int = 0  # WCXB pages (of those loaded) that metadata.json does not list
    types: Counter[str] = field(default_factory=Counter)  # page types before --page-type

    @property
    def name(self) -> str:
        return self.directory.name


# --- reading the data -------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: cannot read it as JSON ({common.describe(exc)})") from exc


def decode_page(path: Path) -> str:
    """The page as text: gunzip, then UTF-8 with errors="replace" (every page of the
    default sets is valid UTF-8)."""
    if not path.is_file():
        raise DataError(f"{path}: missing")
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(f"{path}: not a readable gzip file ({common.describe(exc)})") from exc


def _gold_text(value: Any, where: str) -> str | None:
    """The gold text, or None when there is none to score against (missing or blank)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError(f"{where}: gold text is {type(value).__name__}, not a string")
    return value if value.strip() else None


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def load_dataset(directory: Path, limit: int | None, page_type: str | None) -> Dataset:
    """The pages of one dataset, by sorted id: those of `page_type` (all when None) that
    have gold text, the first `limit` of them when given."""
    if not (directory / "html").is_dir():
        raise DataError(f"{directory}: not an HTML dataset (no html/ directory)")
    if (directory / "ground-truth.json").is_file():
        return _load_scrapinghub(directory, limit, page_type)
    if (directory / "ground-truth").is_dir():
        return _load_wcxb(directory, limit, page_type)
    raise DataError(
        f"{directory}: no gold text (needs ground-truth.json, the ScrapingHub layout, or "
        "ground-truth/<id>.json and metadata.json, the WCXB layout)"
    )


def _load_scrapinghub(directory: Path, limit: int | None, page_type: str | None) -> Dataset:
    truth_path = directory / "ground-truth.json"
    truth = _read_json(truth_path)
    if not isinstance(truth, dict):
        raise DataError(f"{truth_path}: not a JSON object of pages")
    dataset = Dataset(directory, "scrapinghub", [], types=Counter({HEADLINE_TYPE: len(truth)}))
    if page_type not in (None, HEADLINE_TYPE):
        return dataset
    chosen: list[tuple[str, str]] = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        where = f"{truth_path}: {page_id}"
        if not isinstance(entry, dict) or "articleBody" not in entry:
            raise DataError(f"{where}: no articleBody")
        gold = _gold_text(entry["articleBody"], where)
        if gold is None:
            dataset.no_gold += 1
        else:
            chosen.append((page_id, gold))
    for page_id, gold in chosen[:limit]:
        path = directory / "html" / f"{page_id}.html.gz"
        url = _text_or_none(truth[page_id].get("url"))
        dataset.pages.append(HtmlPage(page_id, path, decode_page(path), gold, url=url))
    return dataset


def _load_wcxb(directory: Path, limit: int | None, page_type: str | None) -> Dataset:
    metadata_path = directory / "metadata.json"
    if not metadata_path.is_file():
        raise DataError(f"{metadata_path}: missing (the WCXB layout needs the page types)")
    metadata = _read_json(metadata_path)
    files = metadata.get("files") if isinstance(metadata, dict) else None
    if not isinstance(files, dict):
        raise DataError(f'{metadata_path}: no "files" object')
    dataset = Dataset(directory, "wcxb", [])
    chosen: list[HtmlPage] = []
    for truth_path in sorted((directory / "ground-truth").glob("*.json")):
        page_id = truth_path.stem
        record = _read_json(truth_path)
        truth = record.get("ground_truth") if isinstance(record, dict) else None
        if not isinstance(truth, dict):
            raise DataError(f'{truth_path}: no "ground_truth" object')
        listed = files.get(page_id)
        kind = listed.get("page_type") if isinstance(listed, dict) else None
        kind = kind if isinstance(kind, str) and kind else UNLISTED
        dataset.types[kind] += 1
        if page_type is not None and kind != page_type:
            continue
        gold = _gold_text(truth.get("main_content"), f"{truth_path}: main_content")
        if gold is None:
            dataset.no_gold += 1
            continue
        path = directory / "html" / f"{page_id}.html.gz"
        chosen.append(
            HtmlPage(
                page_id,
                path,
                "",  # decoded below, for the pages kept only
                gold,
                page_type=kind,
                title=_text_or_none(truth.get("title")),
                author=_text_or_none(truth.get("author")),
                published=_text_or_none(truth.get("publish_date")),
                url=_text_or_none(record.get("url")),
            )
        )
    if not dataset.types:
        raise DataError(f"{directory / 'ground-truth'}: no <id>.json file")
    for page in chosen[:limit]:
        dataset.pages.append(dataclasses.replace(page, input=decode_page(page.path)))
    dataset.unlisted = sum(page.page_type == UNLISTED for page in dataset.pages)
    return dataset


# --- systems ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """What a system says about the page besides the text."""

    title: str | None
    date: str | None
    authors: tuple[str, ...]


def newsmill_system(metadata: dict[str, Meta]) -> System:
    """newsmill's extractor; it also leaves each page's metadata in `metadata`.

    When newsmill cannot be imported, every page fails.
    """

    def build(extract_text: Callable[..., Any]) -> Callable[[Page], str]:
        def run(page: Page) -> str:
            url = page.url if isinstance(page, HtmlPage) else None
            article = extract_text(page.input, uri=str(page.path), url=url, analyse=False)
            metadata[page.id] = Meta(article.title, article.published, tuple(article.authors))
            return str(article.text)

        return run

    return common.subject_system(build)


def on_html(extract: Callable[[str], str]) -> Callable[[Page], str]:
    def run(page: Page) -> str:
        return extract(page.input)

    return run


def systems(newsmill_metadata: dict[str, Meta]) -> list[System]:
    return [
        newsmill_system(newsmill_metadata),
        System("trafilatura", on_html(common.trafilatura_extract)),
        System("readability-lxml", on_html(common.readability_extract)),
        System("resiliparse", on_html(common.resiliparse_extract)),
        System("jusText", on_html(common.justext_extract)),
    ]


def trafilatura_metadata(document: str, url: str | None = None) -> Meta:
    """`trafilatura.extract_metadata(document, default_url=url)`: the metadata step of
    `bare_extraction(..., with_metadata=True)`, without the text extraction (which, when it
    finds too little text, makes bare_extraction return None and lose the metadata too)."""
    from trafilatura import extract_metadata

    found = extract_metadata(document, default_url=url)
    return Meta(found.title, found.date, (found.author,) if found.author else ())


# --- metadata scoring -------------------------------------------------------------------

METADATA_FIELDS = ("title", "date", "authors")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Several authors in one string: "A, B and C", "A & B", "A; B" (trafilatura joins with "; ").
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[;,&]|\band\b)(?:\s*(?:[;,&]|\band\b))*\s*")
_HONORIFIC = re.compile(r"^(?:by|dr|prof|mr|mrs|ms|mx)\.?\s+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")
# A credential after a name: "MS", "RD", "M.D.", "E-RYT", "200", "CEPF®" (and "Ph.D.")
_CREDENTIAL = re.compile(r"[A-Z][A-Z.\-®]*[A-Z.®]|\d+")
_PHD = re.compile(r"ph\.?d\.?", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def normal_text(value: str | None) -> str:
    """NFKC, case folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value or "").casefold().split())


def _is_credential(word: str) -> bool:
    """All capitals with two letters or more (so not an initial, "T."), or a number."""
    if _PHD.fullmatch(word) or word.isdigit():
        return True
    letters = sum(ch.isalpha() for ch in word)
    return letters >= 2 and _CREDENTIAL.fullmatch(word) is not None


def author_names(values: Sequence[str]) -> frozenset[str]:
    """The normalised set of names in author strings.

    Each string (NFKC) is split at ",", ";", "&" and " and "; in each part, parentheses, a
    leading "By"/honorific and trailing credentials (all-capital words such as "MD", "RD",
    "Ph.D.") are dropped, and a part left empty (a bare credential after a comma) is
    dropped; a name is the rest's \\w+ words, case folded, joined by one space (so "Jeff T."
    and "Jeff T" are one name). Gold and predictions go through the same steps.
    """
    names: set[str] = set()
    for value in values:
        for part in _AUTHOR_SEPARATOR.split(unicodedata.normalize("NFKC", value)):
            words = _HONORIFIC.sub("", _PARENTHESES.sub(" ", part).strip()).split()
            while words and _is_credential(words[-1]):
                words.pop()
            name = " ".join(_WORD.findall(" ".join(words).casefold()))
            if name:
                names.add(name)
    return frozenset(names)


@dataclass
class Tally:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


def score_metadata(pages: Sequence[HtmlPage], predicted: dict[str, Meta]) -> dict[str, Tally]:
    """Title, publish day and authors, each over the pages whose gold has one.

    A page with no prediction (the system failed) counts as wrong.
    """
    tallies = {name: Tally() for name in METADATA_FIELDS}
    for page in pages:
        meta = predicted.get(page.id)
        if page.title is not None:
            tallies["title"].total += 1
            if meta is not None and normal_text(meta.title) == normal_text(page.title):
                tallies["title"].correct += 1
        if page.published is not None and _FULL_DATE.match(page.published):
            tallies["date"].total += 1
            if meta is not None and (meta.date or "")[:10] == page.published[:10]:
                tallies["date"].correct += 1
        gold_names = author_names([page.author]) if page.author is not None else frozenset()
        if gold_names:
            tallies["authors"].total += 1
            if meta is not None and author_names(meta.authors) == gold_names:
                tallies["authors"].correct += 1
    return tallies


@dataclass
class MetadataResult:
    pages: int
    tallies: dict[str, dict[str, Tally]]  # system -> field -> tally
    failures: dict[str, int]
    seconds: dict[str, float | None]  # None: taken from the timed text run


def run_metadata(pages: Sequence[HtmlPage], newsmill_metadata: dict[str, Meta]) -> MetadataResult:
    """Score newsmill's metadata (already extracted in its timed run) and trafilatura's
    (extracted here, timed on its own, not counted in its pages/s)."""
    ids = {page.id for page in pages}
    mine = {key: value for key, value in newsmill_metadata.items() if key in ids}
    theirs: dict[str, Meta] = {}
    failures = 0
    seconds = 0.0
    for page in pages:
        start = time.perf_counter()
        try:
            theirs[page.id] = trafilatura_metadata(page.input, page.url)
        except Exception:
            failures += 1
        seconds += time.perf_counter() - start
    return MetadataResult(
        len(pages),
        {common.SUBJECT: score_metadata(pages, mine), "trafilatura": score_metadata(pages, theirs)},
        {common.SUBJECT: len(pages) - len(mine), "trafilatura": failures},
        {common.SUBJECT: None, "trafilatura": seconds},
    )


# --- output -----------------------------------------------------------------------------


def _percent(tally: Tally) -> str:
    accuracy = tally.accuracy
    return "n/a" if accuracy is None else f"{100 * accuracy:.1f}% ({tally.correct})"


def format_metadata(name: str, result: MetadataResult) -> str:
    first = result.tallies[common.SUBJECT]
    header = ["system", *(f"{f} (of {first[f].total})" for f in METADATA_FIELDS), "failures"]
    rows = [
        [system, *(_percent(tallies[f]) for f in METADATA_FIELDS), str(result.failures[system])]
        for system, tallies in result.tallies.items()
    ]
    out = [f"{name}: metadata on {result.pages} article pages (accuracy, pages right)", ""]
    out += common.table(header, rows)
    out += [
        "",
        "title: equal after NFKC, case folding and white space collapsing; date: same day as "
        "the gold publish_date (pages whose gold has a full date); authors: same set of "
        "names (pages whose gold names an author); a failed page counts as wrong",
    ]
    return "\n".join(out)


def _type_order(kind: str) -> tuple[int, str]:
    return (PAGE_TYPES.index(kind), "") if kind in PAGE_TYPES else (len(PAGE_TYPES), kind)


def by_page_type(result: DatasetResult, score: common.ScoreFn) -> dict[str, DatasetResult]:
    def of_type(kind: str) -> Callable[[Page], bool]:
        return lambda page: _page_type(page) == kind

    kinds = sorted({_page_type(page) for page in result.pages}, key=_type_order)
    return {
        kind: common.subset(result, f"{result.name}, {kind} pages", of_type(kind), score)
        for kind in kinds
    }


def _page_type(page: Page) -> str:
    return page.page_type if isinstance(page, HtmlPage) else HEADLINE_TYPE


def format_types(result: DatasetResult, parts: dict[str, DatasetResult]) -> str:
    names = [s.name for s in result.systems]
    rows = [
        [kind, str(len(part.pages)), *(common.number(s.score.f1, 3) for s in part.systems)]
        for kind, part in parts.items()
    ]
    rows.append(
        ["all", str(len(result.pages)), *(common.number(s.score.f1, 3) for s in result.systems)]
    )
    title = f"{result.name}: F1 by page type ({HEADLINE_TYPE} is the headline)"
    return "\n".join([title, "", *common.table(["page type", "pages", *names], rows)])


def _notes(dataset: Dataset) -> list[str]:
    notes = []
    if dataset.no_gold:
        notes.append(f"{_pages(dataset.no_gold)} of the set left out: gold text missing or blank")
    if dataset.unlisted:
        notes.append(
            f"{_pages(dataset.unlisted)} not listed in metadata.json: page type '{UNLISTED}'"
        )
    return notes


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _tallies_json(tallies: dict[str, Tally]) -> dict[str, Any]:
    return {
        name: {"accuracy": t.accuracy, "correct": t.correct, "total": t.total}
        for name, t in tallies.items()
    }


def metadata_json(result: MetadataResult) -> dict[str, Any]:
    return {
        "pages": result.pages,
        "systems": {
            system: {
                **_tallies_json(tallies),
                "failures": result.failures[system],
                "seconds": result.seconds[system],
            }
            for system, tallies in result.tallies.items()
        },
    }


# --- main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score newsmill and the anchors on HTML pages.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        metavar="DIR",
        help="an HTML dataset (html/<id>.html.gz + ground-truth.json, or + ground-truth/ "
        "and metadata.json); repeatable; default: ../shared/bench/scrapinghub and wcxb-dev",
    )
    common.add_run_arguments(parser)
    parser.add_argument(
        "--page-type",
        metavar="TYPE",
        help=f"only pages of this type ({', '.join(PAGE_TYPES)}, {UNLISTED}); "
        "ScrapingHub pages are all 'article'",
    )
    args = parser.parse_args(argv)
    common.check_run_arguments(parser, args)
    return args


def _load_all(directories: list[Path], limit: int | None, page_type: str | None) -> list[Dataset]:
    datasets = [load_dataset(d, limit, page_type) for d in directories]
    if page_type is not None and not any(d.pages for d in datasets):
        found = sorted({kind for d in datasets for kind in d.types}, key=_type_order)
        raise DataError(
            f"no page of type {page_type!r} with gold text in "
            f"{', '.join(str(d) for d in directories)}; types found: {', '.join(found)}"
        )
    return datasets


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    directories: list[Path] = args.data or list(DEFAULT_DATA)
    if not common.data_directories_exist(directories, defaults=not args.data):
        return EXIT_DATA
    try:
        datasets = _load_all(directories, args.limit, args.page_type)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    score = common.load_score()
    newsmill_metadata: dict[str, Meta] = {}
    contenders = systems(newsmill_metadata)
    reports: list[dict[str, Any]] = []
    for dataset in datasets:
        if not dataset.pages:
            print(f"{dataset.name}: no page of type {args.page_type!r}; skipped", end="\n\n")
            continue
        newsmill_metadata.clear()
        result = common.run_dataset(
            dataset.name, dataset.directory, list(dataset.pages), contenders, score
        )
        report: dict[str, Any] = {
            "layout": dataset.layout,
            "left_out_no_gold": dataset.no_gold,
            **common.dataset_json(result),
        }
        parts = by_page_type(result, score) if dataset.layout == "wcxb" else {}
        if len(parts) > 1 and HEADLINE_TYPE in parts:
            print(common.format_dataset(parts[HEADLINE_TYPE]), end="\n\n")
        if len(parts) > 1:
            result.name = f"{dataset.name}, all pages"
        elif parts:
            result.name = next(iter(parts.values())).name
        print(common.format_dataset(result))
        notes = _notes(dataset)
        if notes:
            print("\n" + "\n".join(notes))
        print()
        if len(parts) > 1:
            print(format_types(result, parts), end="\n\n")
        if parts:
            report["unlisted_page_type"] = dataset.unlisted
            report["by_page_type"] = {k: common.dataset_json(p) for k, p in parts.items()}
        articles = [p for p in dataset.pages if p.page_type == HEADLINE_TYPE]
        if dataset.layout == "wcxb" and articles:
            metadata = run_metadata(articles, newsmill_metadata)
            common.progress(
                f"{dataset.name}: trafilatura metadata: {len(articles)} pages in "
                f"{metadata.seconds['trafilatura'] or 0.0:.2f} s"
            )
            print(format_metadata(dataset.name, metadata), end="\n\n", flush=True)
            report["metadata"] = metadata_json(metadata)
        reports.append(report)

    command = common.command_line()
    if args.json:
        common.write_json(
            args.json,
            {
                "benchmark": "html",
                "command": command,
                "started": started,
                "limit": args.limit,
                "page_type": args.page_type,
                "metric": "ScrapingHub: 4-gram shingles of \\w+ tokens, P and R averaged over "
                "pages, F1 of the averages (newsmill.evaluation.score)",
                "settings": {
                    "input": "html/<id>.html.gz gunzipped and decoded as UTF-8 "
                    "(errors='replace'), the same str for every system; not timed",
                    "trafilatura": common.TRAFILATURA_OPTIONS,
                    "readability": "Document(html).summary(html_partial=True), text of "
                    "each block-level element on its own line (_common.block_text)",
                    "resiliparse": common.RESILIPARSE_OPTIONS,
                    "justext_stoplist": common.JUSTEXT_STOPLIST,
                    "timing": "extract calls only, per page; one untimed warm-up call per "
                    "system and dataset",
                    "failure": "a page whose extraction raises is scored as empty",
                    "left_out": "pages whose gold text is missing or blank",
                    "page_type": "WCXB: metadata.json files[id].page_type, "
                    f"'{UNLISTED}' when not listed; ScrapingHub: all '{HEADLINE_TYPE}'",
                    "metadata": "WCXB article pages; newsmill: article.title, "
                    "article.published[:10], article.authors from its timed run; "
                    "trafilatura: extract_metadata(html) title, date, author (untimed "
                    "in pages/s); title equal after NFKC+casefold+whitespace; date same "
                    "day, over pages with a full gold date; authors same name set "
                    "(html.author_names), over pages with a gold author",
                },
                "versions": common.versions(),
                "datasets": reports,
            },
        )
        print(f"figures written to {args.json}")
    print(f"command: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
