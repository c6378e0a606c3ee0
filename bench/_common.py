"""Shared pieces of the benchmarks in bench/: paths, the metric, the anchors, timing, output.

A benchmark builds a list of `Page`s (input + gold text), a list of `System`s (a name and a
function from a page to predicted article text) and hands both to `run_dataset`; the result
prints as a plain-text table (`format_dataset`) and serialises to JSON (`dataset_json`).

Every system runs in this process, on the same pages, one after the other. A system that
raises on a page predicts "" for it and the failure is counted; the first error is kept.
"""

from __future__ import annotations

import contextlib
import html
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

BENCH = Path(__file__).resolve().parent
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

    Lines are stripped; characters that no HTML/XML parser accepts (C0 controls) are dropped.
    """
    paragraphs = (
        f"<p>{html.escape(line, quote=False)}</p>"
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


@dataclass
class SystemResult:
    name: str
    predictions: list[str]
    seconds: float
    failures: int
    first_error: str | None
    score: ScoreLike

    @property
    def pages(self) -> int:
        return len(self.predictions)

    @property
    def pages_per_second(self) -> float | None:
        """None when there is nothing to time: no page, or every page failed."""
        if not self.pages or self.failures == self.pages:
            return None
        return self.pages / self.seconds if self.seconds > 0 else math.inf


@dataclass
class DatasetResult:
    name: str
    path: Path
    pages: list[Page]
    systems: list[SystemResult] = field(default_factory=list)

    def system(self, name: str) -> SystemResult | None:
        return next((s for s in self.systems if s.name == name), None)


def run_system(system: System, pages: Sequence[Page], score: ScoreFn) -> SystemResult:
    """Run one system over the pages, timing only its extract calls.

    One untimed warm-up call on the first page comes first, so that lazy imports and
    model loading are not charged to the first page.
    """
    if pages:
        with contextlib.suppress(Exception):  # the timed run below counts and reports it
            system.extract(pages[0])
    predictions: list[str] = []
    seconds = 0.0
    failures = 0
    first_error: str | None = None
    for page in pages:
        start = time.perf_counter()
        try:
            predicted = system.extract(page)
        except Exception as exc:
            predicted = ""
            failures += 1
            if first_error is None:
                first_error = f"{page.id}: {describe(exc)}"
        seconds += time.perf_counter() - start
        predictions.append(predicted)
    result = score(zip(predictions, (page.gold for page in pages), strict=True))
    return SystemResult(system.name, predictions, seconds, failures, first_error, result)


def run_dataset(
    name: str, path: Path, pages: list[Page], systems: Sequence[System], score: ScoreFn
) -> DatasetResult:
    result = DatasetResult(name, path, pages)
    for system in systems:
        outcome = run_system(system, pages, score)
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
        seconds, failures, errors = 0.0, 0, []
        for result in results:
            run = result.system(name)
            if run is None:
                continue
            predictions += run.predictions
            gold += (page.gold for page in result.pages)
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
            )
        )
    return merged


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
        }
        for anchor in result.systems
        if anchor.name != subject
    }


def _number(value: float | None, digits: int) -> str:
    if value is None:
        return "n/a"
    if math.isinf(value):
        return "inf"
    return f"{value:,.{digits}f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
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
    header = ["system", "F1", "precision", "recall", "pages/s", "failures"]
    rows = [
        [
            s.name,
            _number(s.score.f1, 3),
            _number(s.score.precision, 3),
            _number(s.score.recall, 3),
            _number(s.pages_per_second, 1),
            str(s.failures),
        ]
        for s in result.systems
    ]
    out = [title, "", *_table(header, rows)]
    relative = ratios(result, subject)
    if relative:
        out += ["", f"{subject} / anchor:"]
        out += _table(
            ["anchor", "F1 ratio", "pages/s ratio"],
            [
                [name, _number(r["f1"], 3), _number(r["pages_per_second"], 3)]
                for name, r in relative.items()
            ],
        )
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
                "failures": s.failures,
                "first_error": s.first_error,
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
    for dist in ("newsmill", "trafilatura", "jusText", "lxml"):
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
