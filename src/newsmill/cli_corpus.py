"""The corpus commands: ingest, search, entities, events, show, export.

Thin wrappers over :class:`newsmill.corpus.Corpus`; ``cli.py`` registers them. Results go
to stdout, counts and errors to stderr, one line each, never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from newsmill.errors import NewsmillError
from newsmill.limits import DEFAULT_PAGE_SECONDS
from newsmill.progress import progress_bar
from newsmill.read.files import DEFAULT_MAX_BYTES
from newsmill.render import FORMATS, render
from newsmill.store.export import EXPORT_FORMATS
from newsmill.store.schema import DEFAULT_DB

if TYPE_CHECKING:
    from newsmill.corpus import Corpus

CORPUS_COMMANDS = ("ingest", "search", "entities", "events", "show", "export")
EXIT_OK, EXIT_FAILED = 0, 1


def add_corpus_commands(commands: Any) -> None:
    """Register the corpus subcommands on the ``newsmill`` parser's subparsers."""

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = commands.add_parser(name, help=help_, description=help_)
        parser.add_argument(
            "--db", default=DEFAULT_DB, help="corpus database (default %(default)s)"
        )
        return parser

    ingest = command("ingest", "extract, analyse, deduplicate and store inputs in a corpus")
    ingest.add_argument("inputs", nargs="+", metavar="PATH")
    ingest.add_argument(
        "--workers", "-w", type=int, default=None, help="processes (default: all cores)"
    )
    ingest.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1e6)
    ingest.add_argument("--page-seconds", type=float, default=DEFAULT_PAGE_SECONDS)
    ingest.add_argument(
        "--batch", type=int, default=200, help="commit every N articles (and every second)"
    )
    ingest.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")

    search = command("search", "ranked full-text search, every inflected form of the words")
    search.add_argument("query")
    _date_range(search)
    search.add_argument("--publisher", help="publisher name or domain")
    search.add_argument("--lang", help="language code, e.g. lv")
    search.add_argument("--entity", help="only articles naming this entity (base form)")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--all-copies", action="store_true", help="list every copy of a story")

    entities = command("entities", "the most mentioned entities")
    entities.add_argument("--type", help="PER, ORG, LOC, GPE, MISC")
    entities.add_argument("--name", help="names containing this text")
    entities.add_argument("--limit", type=int, default=20)

    events = command("events", "events merged across articles (or of the given inputs)")
    events.add_argument("inputs", nargs="*", metavar="PATH", help="analyse these instead")
    events.add_argument("--participant")
    events.add_argument("--type")
    _date_range(events)
    events.add_argument("--limit", type=int, default=50)
    events.add_argument("--format", "-f", choices=("table", "jsonl"), default="table")

    show = command("show", "one stored article by id (or a unique id prefix)")
    show.add_argument("id")
    show.add_argument("--format", "-f", choices=FORMATS, default="json")

    export = command("export", "every stored article as jsonl, csv or parquet")
    export.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="jsonl")
    export.add_argument("--out", "-o", help="output file (default stdout; parquet needs one)")


def _date_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="ISO date, inclusive")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="ISO date, inclusive")


def run_corpus_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Imported here: the corpus machinery (datasketch, scipy) would slow every `extract`.
    from newsmill.corpus import Corpus

    try:
        with Corpus(args.db) as corpus:
            return _COMMANDS[args.command](corpus, args, out, err)
    except NewsmillError as error:
        print(f"newsmill: error: {error}", file=err)
        return EXIT_FAILED


def _ingest(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newsmill.run.work import WorkSettings

    settings = WorkSettings(
        max_bytes=int(args.max_mb * 1e6), page_seconds=args.page_seconds or None
    )
    # The bar needs the input count, known only once the inputs are expanded.
    show_bar = err.isatty() and not args.quiet
    with _LazyBar(err, show_bar) as bar:
        report = corpus.ingest(
            args.inputs,
            args.workers,
            settings=settings,
            on_total=bar.start,
            advance=bar.advance,
            commit_every=args.batch,
            on_records=bar.records,
        )
    if not args.quiet:
        for line in report.first_failures:
            print(f"newsmill: error: {line}", file=err)
        if report.failed > len(report.first_failures):
            more = report.failed - len(report.first_failures)
            print(f"newsmill: ... and {more} more in the quarantine table of {args.db}", file=err)
        print(f"newsmill: {report.summary()}", file=err)
    return EXIT_FAILED if report.nothing_read else EXIT_OK


class _LazyBar:
    """A progress bar started once the total is known."""

    def __init__(self, err: TextIO, enabled: bool) -> None:
        self.err, self.enabled = err, enabled
        self._context: Any = None
        self._advance: Any = None

    def __enter__(self) -> _LazyBar:
        return self

    def start(self, total: int) -> None:
        self._context = progress_bar(total, self.err, enabled=self.enabled)
        self._advance = self._context.__enter__()

    def advance(self) -> None:
        if self._advance is not None:
            self._advance()

    def records(self, count: int) -> None:
        if self._advance is not None:
            self._advance(0, count)

    def __exit__(self, *exc: object) -> None:
        if self._context is not None:
            self._context.__exit__(None, None, None)


def _search(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    hits = corpus.search(
        args.query,
        date_from=args.date_from,
        date_to=args.date_to,
        publisher=args.publisher,
        language=args.lang,
        entity=args.entity,
        limit=args.limit,
        collapse=not args.all_copies,
    )
    for rank, hit in enumerate(hits, start=1):
        about = ", ".join(x for x in (hit.publisher, hit.published, hit.language) if x)
        copies = f"  (+{hit.duplicates} copies)" if hit.duplicates else ""
        out.write(f"{rank}. {hit.title or '(untitled)'}  [{about}]  {hit.id}{copies}\n")
        out.write(f"   {hit.snippet}\n")
    if not hits:
        print(f"newsmill: no articles match {args.query!r}", file=err)
    return EXIT_OK


def _entities(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rows = corpus.entities(type=args.type, name=args.name, limit=args.limit)
    _table(
        out,
        ("entity", "type", "articles", "mentions"),
        [(e.name, e.type, e.articles, e.mentions) for e in rows],
    )
    if not rows:
        print("newsmill: no entities stored (yet)", file=err)
    return EXIT_OK


def _events(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.inputs:
        return _events_of_inputs(args, out, err)
    rows = corpus.events(
        participant=args.participant,
        type=args.type,
        date_from=args.date_from,
        date_to=args.date_to,
        limit=args.limit,
    )
    if args.format == "jsonl":
        for e in rows:
            out.write(json.dumps(e.__dict__, ensure_ascii=False) + "\n")
    else:
        _table(
            out,
            ("date", "type", "participants", "place", "reports", "sources"),
            [
                (
                    e.date or "",
                    e.type,
                    ", ".join(e.participants),
                    e.place or "",
                    e.mentions,
                    len(e.sources),
                )
                for e in rows
            ],
        )
    if not rows:
        print("newsmill: no events stored (yet)", file=err)
    return EXIT_OK


def _events_of_inputs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from newsmill.corpus import events_of_inputs
    from newsmill.events.render import event_line

    failed = 0

    def report(error: NewsmillError) -> None:
        nonlocal failed
        failed += 1
        print(f"newsmill: error: {error}", file=err)

    rows = []
    for article, event in events_of_inputs(args.inputs, report):
        if args.type and event.type.casefold() != args.type.casefold():
            continue
        if args.participant and not any(
            args.participant.casefold() in name.casefold() for name in event.participants
        ):
            continue
        if args.format == "jsonl":
            out.write(event_line(event, article=article.id, uri=article.source.uri) + "\n")
        rows.append(
            (
                event.date or "",
                event.type,
                ", ".join(event.participants),
                event.place or "",
                article.source.uri,
            )
        )
    if args.format == "table":
        _table(out, ("date", "type", "participants", "place", "input"), rows)
    return EXIT_FAILED if failed else EXIT_OK


def _show(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    article = corpus.get(args.id)
    out.write(render(article, args.format) + "\n")
    copies = [c for c in corpus.copies(article.id) if c[0] != article.id]
    if copies:
        print(
            f"newsmill: {len(copies)} copies of this story: "
            + ", ".join(
                f"{i} ({kind or 'original'}{', canonical' if canonical else ''})"
                for i, kind, canonical in copies
            ),
            file=err,
        )
    return EXIT_OK


def _export(corpus: Corpus, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    count = corpus.export(args.format, args.out)
    print(
        f"newsmill: exported {count} articles" + (f" to {args.out}" if args.out else ""), file=err
    )
    return EXIT_OK


def _table(out: TextIO, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cells = [tuple(str(c) for c in row) for row in [header, *rows]]
    widths = [min(60, max(len(row[i]) for row in cells)) for i in range(len(header))]
    for row in cells:
        out.write(
            "  ".join(c[:60].ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


_COMMANDS = {
    "ingest": _ingest,
    "search": _search,
    "entities": _entities,
    "events": _events,
    "show": _show,
    "export": _export,
}
