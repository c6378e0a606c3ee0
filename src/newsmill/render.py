"""Articles rendered for people and programs: JSON, JSONL, plain text, Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from newsmill.extract.lines import without_invisible_marks
from newsmill.record import Article

FORMATS = ("json", "jsonl", "text", "markdown")


def render(article: Article, fmt: str) -> str:
    if fmt == "json":
        return article.to_json(indent=2)
    if fmt == "jsonl":
        return article.to_json()
    if fmt == "markdown":
        return _markdown(article)
    return _plain(article)


def _plain(article: Article) -> str:
    parts = [article.title] if article.title else []
    parts.extend(article.paragraphs)
    return "\n\n".join(parts) + "\n"


def _markdown(article: Article) -> str:
    out: list[str] = []
    if article.title:
        out.append(f"# {article.title}")
    facts = []
    if article.publisher:
        facts.append(f"**Publisher:** {article.publisher.name}")
    if article.published:
        facts.append(f"**Published:** {article.published}")
    if article.authors:
        facts.append(f"**Authors:** {', '.join(article.authors)}")
    if article.comment_count is not None:
        facts.append(f"**Comments:** {article.comment_count}")
    if article.language != "und":
        facts.append(f"**Language:** {article.language}")
    if facts:
        out.append("  \n".join(facts))
    out.extend(article.paragraphs)
    for image in article.images:
        caption = image.caption or ""
        credit = f" (Foto: {image.credit})" if image.credit else ""
        out.append(f"> {caption}{credit}".rstrip())
    out.extend(_analysis_sections(article))
    return "\n\n".join(out) + "\n"


def _analysis_sections(article: Article) -> list[str]:
    """What the article reports: entities, dates and events, when the analysis found any."""
    sections: list[str] = []
    if article.entities:
        rows = [f"- {e.name} ({e.type}, {len(e.mentions)}×)" for e in article.entities]
        sections.append("## Entities\n\n" + "\n".join(rows))
    if article.dates:
        rows = [f"- {d.text} → {d.value}" for d in article.dates]
        sections.append("## Dates\n\n" + "\n".join(rows))
    if article.events:
        rows = []
        for event in article.events:
            where = f" in {event.place}" if event.place else ""
            when = f" on {event.date}" if event.date else ""
            quote = f": “{event.quote}”" if event.quote else ""
            rows.append(f"- {event.type} {', '.join(event.participants)}{where}{when}{quote}")
        sections.append("## Events\n\n" + "\n".join(rows))
    return sections


def explain(rows: Iterable[tuple[str, float, str]]) -> str:
    """Every input line or block with where it went, for ``--explain``:
    ``(disposition, classifier probability, text)`` rows, the text as the record holds
    it (without soft hyphens; a block of nothing else, which the record leaves out, is
    left out here too)."""
    out = []
    for disposition, probability, text in rows:
        mark = "+" if disposition == "paragraph" else "-"
        shown = without_invisible_marks(text)
        if not shown:  # nothing but soft hyphens or joiners: no text in the record either
            continue
        out.append(f"{mark} {disposition:<10} {probability:4.2f}  {shown}")
    return "\n".join(out) + "\n"
