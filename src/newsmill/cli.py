"""The ``newsmill`` command line.

User mistakes and bad inputs print one line naming the input and never a
traceback; a batch goes on past a bad file and the exit code tells whether
anything failed (0 all good, 1 some inputs failed, 2 usage error).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from newsmill import __version__
from newsmill.cli_corpus import CORPUS_COMMANDS, add_corpus_commands, run_corpus_command
from newsmill.errors import NewsmillError
from newsmill.lang.analyze import ArticleAnalyzer
from newsmill.limits import DEFAULT_PAGE_SECONDS
from newsmill.pipeline import ArticleExtractor, Explanation, RunCounts, analyse_all, extract_all
from newsmill.progress import Advance, progress_bar
from newsmill.read.files import DEFAULT_MAX_BYTES, expand_inputs, read_documents
from newsmill.read.raw import RawDocument
from newsmill.read.warc import WarcCounts
from newsmill.record import Article
from newsmill.render import FORMATS, explain, render

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsmill", description="Raw news pages in, clean structured news records out."
    )
    parser.add_argument("--version", action="version", version=f"newsmill {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract clean articles from files, directories, globs or stdin",
        description="Extract clean articles. Inputs: files (.txt, .html, .jsonl, .gz), "
        "directories, glob patterns, or - for standard input.",
    )
    extract.add_argument("inputs", nargs="+", metavar="PATH")
    extract.add_argument("--format", "-f", choices=FORMATS, default="json")
    extract.add_argument(
        "--explain",
        action="store_true",
        help="also show every input line with where it went (on stderr)",
    )
    extract.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        help="refuse inputs larger than this many megabytes (default %(default)g)",
    )
    extract.add_argument(
        "--page-seconds",
        type=float,
        default=DEFAULT_PAGE_SECONDS,
        help="give up on a page after this many seconds (default %(default)g; 0 for no limit)",
    )
    extract.add_argument("--quiet", "-q", action="store_true", help="no summary line on stderr")
    extract.add_argument(
        "--no-analysis",
        action="store_true",
        help="extraction only: no language, entities, dates or events",
    )
    add_corpus_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # warcio warns through logging about odd but harmless record headers.
    logging.getLogger("warcio").setLevel(logging.ERROR)
    try:
        if args.command == "extract":
            return run_extract(args, sys.stdout, sys.stderr)
        if args.command in CORPUS_COMMANDS:
            return run_corpus_command(args, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        print("newsmill: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_USAGE


def run_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    counts = RunCounts()

    def show(uri: str, rows: Explanation) -> None:
        err.write(f"== {uri}\n{explain(rows)}")

    extractor = ArticleExtractor(
        page_seconds=args.page_seconds or None, explain=show if args.explain else None
    )
    max_bytes = int(args.max_mb * 1e6)
    warc_counts = WarcCounts()
    inputs = list(expand_inputs(args.inputs))
    show_bar = err.isatty() and not args.quiet
    articles: list[str] = []
    with progress_bar(len(inputs), err, enabled=show_bar) as advance:
        documents = _documents(inputs, max_bytes, warc_counts, advance)
        items = extract_all(documents, counts, extractor)
        if not args.no_analysis:
            items = analyse_all(items, ArticleAnalyzer())
        for item in items:
            if isinstance(item, NewsmillError):
                print(f"newsmill: error: {item}", file=err)
                continue
            _emit(item, args.format, out, articles)
    if args.format == "json" and len(articles) > 1:
        out.write("[\n" + ",\n".join(articles) + "\n]\n")
    elif args.format == "json" and articles:
        out.write(articles[0] + "\n")
    out.flush()
    if not args.quiet and warc_counts.archives:
        print(f"newsmill: {warc_counts.summary()}", file=err)
    if not args.quiet and counts.extracted + counts.failed > 1:
        print(f"newsmill: {counts.extracted} extracted, {counts.failed} failed", file=err)
    return EXIT_FAILED if counts.failed else EXIT_OK


def _documents(
    inputs: list[str | NewsmillError],
    max_bytes: int,
    warc_counts: WarcCounts,
    advance: Advance,
) -> Iterator[RawDocument | NewsmillError]:
    """The documents of each expanded input, ticking the progress bar per input and
    counting the records within it (a WARC or JSONL file holds many)."""
    for item in inputs:
        if isinstance(item, NewsmillError):
            yield item
        else:
            for document in read_documents(item, max_bytes=max_bytes, warc_counts=warc_counts):
                yield document
                advance(0, 1)
        advance()


def _emit(article: Article, fmt: str, out: TextIO, held: list[str]) -> None:
    if fmt == "json":
        held.append(render(article, fmt))
        return
    out.write(render(article, fmt))
    out.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
