"""Shared pieces of the benchmarks in bench/: paths, the metric, the anchors, timing, output.

A benchmark builds a list of `Page`s (input + gold text), a list of `System`s (a name and a
function from a page to predicted article text) and hands both to `run_dataset`; the result
prints as a plain-text table (`format_dataset`) and serialises to JSON (`dataset_json`).

Every system runs in this process, on the same pages, in interleaved rounds of
`ROUND_PAGES` pages (each round every system in turn), so that the machine's slow spells
weigh on every system alike. A system that raises on a page predicts "" for it and the
failure is counted; the first error is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import importlib.util
import json
import math
import platform
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
# bench/html.py has the name of the standard library's `html`, which trafilatura, jusText,
# lxml and courlan import. Python puts a script's directory first on sys.path, so once a
# benchmark has imported this module (its first import from bench/), bench/ leaves sys.path
# and every later `import html` finds the standard library. (This module itself avoids
# `html`: mypy, given bench/, also takes html.py for it.)
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != BENCH]
REPO = BENCH.parent
SRC = REPO / "src"
SHARED = REPO.parent / "shared"

SUBJECT = "newsmill"
JUSTEXT_STOPLIST = "English"
TRAFILATURA_OPTIONS: dict[str, bool] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
}
# Main content as trafilatura is asked for it: no comment section (Resiliparse's default
# keeps it), no image alt texts (trafilatura leaves images out), no list bullets. Resiliparse's
# defaults (alt_texts, list_bullets, comments all True) cost it 0.03 F1 on ScrapingHub.
RESILIPARSE_OPTIONS: dict[str, bool] = {
    "main_content": True,
    "alt_texts": False,
    "list_bullets": False,
    "comments": False,
}


def use_working_tree() -> None:
    """Import `newsmill` from this checkout's src/, whatever is installed in the venv."""
    src = str(SRC)
    if src not in sys.path:
        sys.path.insert(0, src)


# --- the metric -------------------------------------------------------------------------


class ScoreLike(Protocol):
    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...
    @property
    def documents(self) -> int: ...


ScoreFn = Callable[[Iterable[tuple[str, str]]], ScoreLike]


def load_score() -> ScoreFn:
    """`newsmill.evaluation.score`, the ScrapingHub metric.

    Importing it imports the `newsmill` package, whose __init__ pulls in the whole API. When
    that fails (the extractor is mid-edit), the stand-alone module evaluation.py is loaded
    from its file instead, with a warning, so the anchors can still be scored.
    """
    use_working_tree()
    try:
        from newsmill.evaluation import score
    except Exception as exc:
        path = SRC / "newsmill" / "evaluation.py"
        warn(f"cannot import newsmill ({describe(exc)}); loading the metric from {path}")
        name = "_bench_newsmill_evaluation"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
        loaded: ScoreFn = module.score
        return loaded
    return score


# --- the anchors ------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def lines_to_html(text: str) -> str:
    """Flattened text as an HTML document: each non-blank line one <p>, HTML-escaped.

    Lines are stripped; characters that no HTML/XML parser accepts (C0 controls) are dropped;
    `escape` (xml.sax.saxutils) replaces &, < and >, exactly as html.escape(quote=False).
    """
    paragraphs = (
        f"<p>{escape(line)}</p>"
        for raw in _NOT_XML.sub("", text).splitlines()
        if (line := raw.strip())
    )
    return "<html><body>\n" + "\n".join(paragraphs) + "\n</body></html>"


def justext_extract(document: str, stoplist: str = JUSTEXT_STOPLIST) -> str:
    """jusText's good paragraphs (`not is_boilerplate`), joined by a blank line."""
    import justext  # type: ignore[import-untyped]

    paragraphs = justext.justext(document, justext.get_stoplist(stoplist))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_extract(document: str) -> str:
    """trafilatura's main text (plain text output); None counts as ""."""
    import trafilatura

    options = TRAFILATURA_OPTIONS
    extracted: str | None = trafilatura.extract(
        document,
        include_comments=options["include_comments"],
        include_tables=options["include_tables"],
        favor_precision=options["favor_precision"],
    )
    return extracted or ""


# Elements whose text is a block of its own: text_content() would glue the last word of one
# to the first word of the next ("end</p><p>Start" -> "endStart"), a wrong token for the metric.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl
    dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main
    menu nav ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)
_NOT_TEXT = frozenset({"script", "style", "template", "noscript"})


def block_text(fragment: str) -> str:
    """The text of an HTML fragment, each block-level element (BLOCK_TAGS) on its own lines.

    Like lxml's `text_content()`, but a newline goes before and after every block element;
    spaces are collapsed within a line, lines stripped, blank lines dropped, lines joined by
    "\n". Script, style, template and noscript contents and comments are left out.
    """
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    parts: list[str] = []
    skipping = 0  # depth inside elements whose text is not shown
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None  # None: comment, PI
        if event == "start":
            if tag in _NOT_TEXT:
                skipping += 1
            if tag in BLOCK_TAGS:
                parts.append("\n")
            if tag is not None and not skipping and element.text:
                parts.append(element.text)
            continue
        if tag in _NOT_TEXT:
            skipping -= 1
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if element is not root and not skipping and element.tail:
            parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def readability_extract(document: str) -> str:
    """readability-lxml's article HTML (`summary(html_partial=True)`) as text (`block_text`)."""
    from readability import Document  # type: ignore[import-untyped]

    summary: str = Document(document).summary(html_partial=True)
    return block_text(summary)


def resiliparse_extract(document: str) -> str:
    """Resiliparse's `extract_plain_text(document, **RESILIPARSE_OPTIONS)`."""
    from resiliparse.extract.html2text import extract_plain_text

    options = RESILIPARSE_OPTIONS
    extracted: str = extract_plain_text(
        document,
        main_content=options["main_content"],
        alt_texts=options["alt_texts"],
        list_bullets=options["list_bullets"],
        comments=options["comments"],
    )
    return extracted


# --- running ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    id: str
    path: Path
    input: str  # what the systems read: flattened text, or HTML
    gold: str


@dataclass(frozen=True)
class System:
    name: str
    extract: Callable[[Page], str]


def subject_system(build: Callable[[Callable[..., Any]], Callable[[Page], str]]) -> System:
    """newsmill as a System: `build` gets `newsmill.extract_text` and returns the function
    that reads a page. When newsmill cannot be imported, every page fails with the reason."""
    use_working_tree()
    try:
        from newsmill import extract_text
    except Exception as exc:
        reason = f"newsmill import failed: {describe(exc)}"
        warn(reason)

        def unavailable(page: Page) -> str:
            raise RuntimeError(reason)

        return System(SUBJECT, unavailable)
    return System(SUBJECT, build(extract_text))


@dataclass
class SystemResult:
    name: str
    predictions: list[str]
    seconds: float
    failures: int
    first_error: str | None
    score: ScoreLike
    page_seconds: list[float] = field(default_factory=list)  # per page, in page order
    page_errors: list[str | None] = field(default_factory=list)  # per page: None, or why
    # CPU seconds of this process per page: on a shared machine, a fairer speed than the wall.
    page_cpu_seconds: list[float] = field(default_factory=list)
    # The untimed warm-up call on the first page (imports, model loading, compiling): what
    # a one-page run pays on top of the per-page time. None where there was none.
    warmup_seconds: float | None = None

    @property
    def pages(self) -> int:
        return len(self.predictions)

    @property
    def pages_per_second(self) -> float | None:
        """None when there is nothing to time: no page, or every page failed."""
        if not self.pages or self.failures == self.pages:
            return None
        return self.pages / self.seconds if self.seconds > 0 else math.inf

    @property
    def cpu_pages_per_second(self) -> float | None:
        """Pages per CPU second of this process: what other jobs on the machine change least."""
        if not self.pages or self.failures == self.pages or not self.page_cpu_seconds:
            return None
        cpu = sum(self.page_cpu_seconds)
        return self.pages / cpu if cpu > 0 else math.inf


@dataclass
class DatasetResult:
    name: str
    path: Path
    pages: list[Page]
    systems: list[SystemResult] = field(default_factory=list)

    def system(self, name: str) -> SystemResult | None:
        return next((s for s in self.systems if s.name == name), None)


# Pages are run in rounds of this many, every system taking each round in turn (the
# order rotating from round to round), so a slow spell of a shared machine falls on all
# of them alike instead of on whichever system ran during it.
ROUND_PAGES = 20


@dataclass
class _Tally:
    """One system's per-page outcomes, gathered round by round."""

    predictions: list[str] = field(default_factory=list)
    page_seconds: list[float] = field(default_factory=list)
    page_errors: list[str | None] = field(default_factory=list)
    page_cpu: list[float] = field(default_factory=list)


def _warm_up(system: System, pages: Sequence[Page]) -> float | None:
    """One untimed call on the first page, so that lazy imports and model loading are not
    charged to the first page."""
    if not pages:
        return None
    start = time.perf_counter()
    with contextlib.suppress(Exception):  # the timed run counts and reports it
        system.extract(pages[0])
    return time.perf_counter() - start


def _run_pages(system: System, pages: Sequence[Page], tally: _Tally) -> None:
    """Run one system over some pages, timing only its extract calls."""
    for page in pages:
        error: str | None = None
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            predicted = system.extract(page)
        except Exception as exc:
            predicted = ""
            error = f"{page.id}: {describe(exc)}"
        tally.page_seconds.append(time.perf_counter() - start)
        tally.page_cpu.append(time.process_time() - cpu_start)
        tally.page_errors.append(error)
        tally.predictions.append(predicted)


def run_systems(
    systems: Sequence[System], pages: Sequence[Page], score: ScoreFn
) -> list[SystemResult]:
    """Run the systems over the same pages in interleaved rounds (`ROUND_PAGES`), each
    after its warm-up call; each system's results are in page order."""
    warmups = [_warm_up(system, pages) for system in systems]
    tallies = [_Tally() for _ in systems]
    order = list(range(len(systems)))
    for at in range(0, len(pages), ROUND_PAGES):
        chunk = pages[at : at + ROUND_PAGES]
        for i in order:
            _run_pages(systems[i], chunk, tallies[i])
        order = order[1:] + order[:1]
    results = []
    for system, tally, warmup in zip(systems, tallies, warmups, strict=True):
        result = _system_result(
            system.name,
            pages,
            tally.predictions,
            tally.page_seconds,
            tally.page_errors,
            score,
            tally.page_cpu,
        )
        result.warmup_seconds = warmup
        results.append(result)
    return results


def _system_result(
    name: str,
    pages: Sequence[Page],
    predictions: list[str],
    page_seconds: list[float],
    page_errors: list[str | None],
    score: ScoreFn,
    page_cpu: list[float] | None = None,
) -> SystemResult:
    errors = [error for error in page_errors if error is not None]
    return SystemResult(
        name,
        predictions,
        sum(page_seconds),
        len(errors),
        errors[0] if errors else None,
        score(zip(predictions, (page.gold for page in pages), strict=True)),
        page_seconds,
        page_errors,
        page_cpu or [],
    )


def run_dataset(
    name: str, path: Path, pages: list[Page], systems: Sequence[System], score: ScoreFn
) -> DatasetResult:
    result = DatasetResult(name, path, pages)
    for system, outcome in zip(systems, run_systems(systems, pages, score), strict=True):
        result.systems.append(outcome)
        progress(
            f"{name}: {system.name}: {outcome.pages} pages in {outcome.seconds:.2f} s, "
            f"F1 {outcome.score.f1:.3f}, {outcome.failures} failed"
        )
    return result


def pooled(results: Sequence[DatasetResult], score: ScoreFn) -> DatasetResult:
    """All datasets as one: every page weighs the same, whatever its dataset."""
    merged = DatasetResult("all datasets pooled", Path(), [p for r in results for p in r.pages])
    for name in (s.name for s in results[0].systems):
        predictions: list[str] = []
        gold: list[str] = []
        page_seconds: list[float] = []
        page_errors: list[str | None] = []
        page_cpu: list[float] = []
        seconds, failures, errors = 0.0, 0, []
        for result in results:
            run = result.system(name)
            if run is None:
                continue
            predictions += run.predictions
            gold += (page.gold for page in result.pages)
            page_seconds += run.page_seconds
            page_errors += run.page_errors
            page_cpu += run.page_cpu_seconds
            seconds += run.seconds
            failures += run.failures
            errors += [run.first_error] if run.first_error else []
        merged.systems.append(
            SystemResult(
                name,
                predictions,
                seconds,
                failures,
                errors[0] if errors else None,
                score(zip(predictions, gold, strict=True)),
                page_seconds,
                page_errors,
                page_cpu,
            )
        )
    return merged


def subset(
    result: DatasetResult, name: str, keep: Callable[[Page], bool], score: ScoreFn
) -> DatasetResult:
    """The pages of a run that `keep` accepts, re-scored from the stored predictions.

    No system runs again: seconds, failures and the first error are those of the kept pages.
    """
    indices = [i for i, page in enumerate(result.pages) if keep(page)]
    part = DatasetResult(name, result.path, [result.pages[i] for i in indices])
    for run in result.systems:
        part.systems.append(
            _system_result(
                run.name,
                part.pages,
                [run.predictions[i] for i in indices],
                [run.page_seconds[i] for i in indices],
                [run.page_errors[i] for i in indices],
                score,
                [run.page_cpu_seconds[i] for i in indices] if run.page_cpu_seconds else [],
            )
        )
    return part


# --- output -----------------------------------------------------------------------------


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    if math.isinf(numerator) or math.isinf(denominator):
        return None
    return numerator / denominator


def ratios(result: DatasetResult, subject: str = SUBJECT) -> dict[str, dict[str, float | None]]:
    """subject / anchor for F1 and pages/s, per anchor."""
    mine = result.system(subject)
    if mine is None:
        return {}
    return {
        anchor.name: {
            "f1": ratio(mine.score.f1, anchor.score.f1),
            "pages_per_second": ratio(mine.pages_per_second, anchor.pages_per_second),
            "pages_per_cpu_second": ratio(mine.cpu_pages_per_second, anchor.cpu_pages_per_second),
        }
        for anchor in result.systems
        if anchor.name != subject
    }


def number(value: float | None, digits: int) -> str:
    if value is None:
        return "n/a"
    if math.isinf(value):
        return "inf"
    return f"{value:,.{digits}f}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def format_dataset(result: DatasetResult, subject: str = SUBJECT) -> str:
    title = f"{result.name}: {len(result.pages)} pages"
    if result.path != Path():
        title += f" ({result.path})"
    header = ["system", "F1", "precision", "recall", "pages/s", "pages/CPU s", "failures"]
    rows = [
        [
            s.name,
            number(s.score.f1, 3),
            number(s.score.precision, 3),
            number(s.score.recall, 3),
            number(s.pages_per_second, 1),
            number(s.cpu_pages_per_second, 1),
            str(s.failures),
        ]
        for s in result.systems
    ]
    out = [title, "", *table(header, rows)]
    relative = ratios(result, subject)
    if relative:
        out += ["", f"{subject} / anchor:"]
        out += table(
            ["anchor", "F1 ratio", "pages/s ratio", "pages/CPU s ratio"],
            [
                [
                    name,
                    number(r["f1"], 3),
                    number(r["pages_per_second"], 3),
                    number(r["pages_per_cpu_second"], 3),
                ]
                for name, r in relative.items()
            ],
        )
    warmups = [f"{s.name} {s.warmup_seconds:.2f} s" for s in result.systems if s.warmup_seconds]
    if warmups:
        out += ["", "untimed warm-up call on the first page (wall): " + ", ".join(warmups)]
    failed = [s for s in result.systems if s.failures]
    if failed:
        out.append("")
        out += [
            f"{s.name}: {s.failures} of {s.pages} pages failed (scored as empty); "
            f"first: {s.first_error}"
            for s in failed
        ]
    return "\n".join(out)


def _json_number(value: float | None) -> float | None:
    return None if value is None or math.isinf(value) else value


def dataset_json(result: DatasetResult, subject: str = SUBJECT) -> dict[str, Any]:
    return {
        "name": result.name,
        "path": str(result.path) if result.path != Path() else None,
        "pages": len(result.pages),
        "systems": {
            s.name: {
                "f1": s.score.f1,
                "precision": s.score.precision,
                "recall": s.score.recall,
                "documents": s.score.documents,
                "seconds": s.seconds,
                "pages_per_second": _json_number(s.pages_per_second),
                "cpu_seconds": sum(s.page_cpu_seconds),
                "pages_per_cpu_second": _json_number(s.cpu_pages_per_second),
                "failures": s.failures,
                "first_error": s.first_error,
                "warmup_seconds": s.warmup_seconds,
            }
            for s in result.systems
        },
        "ratios": {
            f"{subject}/{anchor}": values for anchor, values in ratios(result, subject).items()
        },
    }


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": platform.python_version()}
    for dist in ("newsmill", "trafilatura", "jusText", "readability-lxml", "Resiliparse", "lxml"):
        try:
            found[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            found[dist] = None
    found["platform"] = platform.platform()
    return found


def command_line() -> str:
    """The command as typed: interpreter (when given) and arguments."""
    return shlex.join(sys.orig_argv)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0]


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def data_directories_exist(directories: list[Path], *, defaults: bool) -> bool:
    """Whether every dataset directory is there; says which are not, on stderr."""
    missing = [d for d in directories if not d.is_dir()]
    for directory in missing:
        print(f"error: dataset directory not found: {directory}", file=sys.stderr)
    if missing and defaults:
        print(
            f"The default datasets live in {SHARED / 'bench'}; give others with --data DIR.",
            file=sys.stderr,
        )
    return not missing


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """``--limit`` and ``--json``, the same for every benchmark."""
    parser.add_argument(
        "--limit", type=int, metavar="N", help="only the first N pages (sorted ids) of each"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write all figures here")


def check_run_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
