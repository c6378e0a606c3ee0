"""Crawler-flattened text to a clean Article.

Each non-blank line gets one disposition: a paragraph of the article, the
title, or a boilerplate block with its kind, so nothing vanishes and
``--explain`` can show why a line was dropped. The line classifier decides
article versus boilerplate; a few rules that hold across sites refine it:
photo credits and the captions above them, repeated lines, lexicon phrases,
the headline with its glued comment counter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import itemgetter, not_

import numpy as np

from newsmill.extract.absolute_dates import find_absolute_dates, years_in
from newsmill.extract.lexicon import BoilerplateLexicon
from newsmill.extract.line_classifier import LineClassifier
from newsmill.extract.lines import Line, split_lines, without_invisible_marks
from newsmill.extract.page_furniture import (
    CREDIT_LABELS,
    Headline,
    byline_authors,
    credit_of,
    domains_in,
    publisher_from,
    split_glued_counter,
    title_site_split,
)
from newsmill.extract.regions import drop_far_doubtful
from newsmill.record import Article, Boilerplate, Image, Source, article_id, as_boilerplate_kind

PARAGRAPH = "paragraph"
TITLE = "title"
# How far above the first paragraph the headline and byline are looked for.
HEAD_WINDOW = 12
MIN_DUPLICATE_WORDS = 3
_text_of = itemgetter(1)  # Line.text
# A stranded lead above an ad block needs only this much belief from the classifier.
BRIDGE_MIN_PROBABILITY = 0.1
# Inside a block that holds an ad or widget phrase, a line needs this much belief.
AD_BLOCK_MIN_PROBABILITY = 0.5
# A line's first kind by whether the classifier's belief reaches the threshold.
_KIND_IF_ABOVE = ("", PARAGRAPH)


@dataclass(frozen=True)
class LineDecision:
    """Where one input line went: ``paragraph``, ``title`` or a boilerplate kind."""

    line: Line
    disposition: str
    probability: float


@dataclass(frozen=True)
class FlatExtraction:
    article: Article
    decisions: tuple[LineDecision, ...]


class FlatTextExtractor:
    def __init__(self, classifier: LineClassifier | None = None) -> None:
        self._classifier = classifier

    @property
    def classifier(self) -> LineClassifier:
        if self._classifier is None:
            self._classifier = LineClassifier.shipped()
        return self._classifier

    def extract(self, text: str, source: Source) -> Article:
        return self._extract(text, source)[0]

    def extract_with_decisions(self, text: str, source: Source) -> FlatExtraction:
        """The article and, for ``--explain``, where every input line went."""
        article, lines, kinds, probs = self._extract(text, source)
        decisions = tuple(
            LineDecision(line, kind, p) for line, kind, p in zip(lines, kinds, probs, strict=True)
        )
        return FlatExtraction(article, decisions)

    def _extract(
        self, text: str, source: Source
    ) -> tuple[Article, list[Line], list[str], list[float]]:
        lines = split_lines(text)
        lexicon_kinds: list[str | None] = [None] * len(lines)
        beliefs = self.classifier.probabilities(lines, lexicon_kinds)
        probs: list[float] = beliefs.tolist()
        kinds: list[str] = list(
            map(_KIND_IF_ABOVE.__getitem__, (beliefs >= self.classifier.threshold).tolist())
        )
        texts: list[str] = list(map(_text_of, lines))
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        drop_far_doubtful(lengths, kinds, beliefs, PARAGRAPH)
        _apply_lexicon(lines, kinds, probs, lexicon_kinds, self.classifier.lexicon)
        _doubt_ad_blocks(lines, kinds, probs, lexicon_kinds)
        _bridge_interruptions(lines, kinds, probs, lexicon_kinds)
        images = _captions_and_credits(lines, kinds, texts)
        _mark_duplicates(lines, kinds, texts)
        # The first line as a page <title>: "Headline | Site".
        site = title_site_split(lines[0].text) if lines else None
        title_at, headline = _find_title(lines, kinds, site)
        _name_remaining_kinds(texts, kinds)
        # Soft hyphens and other marks never drawn inside a word leave the record (the
        # lines keep them: the model was trained on them).
        texts = list(map(without_invisible_marks, texts))
        is_paragraph = [k == PARAGRAPH and t != "" for k, t in zip(kinds, texts, strict=True)]
        paragraphs = tuple(compress(texts, is_paragraph))
        # Kinds come from a small set: name each once, not once per line.
        kind_names = {kind: as_boilerplate_kind(kind) for kind in set(kinds)}
        removed = [
            k != PARAGRAPH and k != TITLE and t != "" for k, t in zip(kinds, texts, strict=True)
        ]
        boilerplate = tuple(
            map(
                Boilerplate,
                compress(texts, removed),
                map(kind_names.__getitem__, compress(kinds, removed)),
            )
        )
        published, date_source = _reference_date(texts, kinds, title_at)
        mentions = domains_in("\n".join(compress(texts, map(not_, is_paragraph))))
        authors = _authors(lines, kinds, title_at)
        body = "\n\n".join(paragraphs)
        warnings: list[str] = []
        if not paragraphs:
            warnings.append("no article text found")
        title = headline.title if headline else (site[0] if site else None)
        article = Article(
            source=source,
            paragraphs=paragraphs,
            id=article_id(None, body or text),
            publisher=publisher_from(mentions, without_invisible_marks(site[1]) if site else None),
            title=without_invisible_marks(title) if title else None,
            lead=paragraphs[0] if paragraphs else None,
            published=published,
            date_source=date_source,
            authors=tuple(authors),
            images=tuple(map(_without_marks, images)),
            comment_count=headline.comment_count if headline else None,
            boilerplate=boilerplate,
            warnings=tuple(warnings),
        )
        return article, lines, kinds, probs


def _without_marks(image: Image) -> Image:
    """A caption and credit without soft hyphens (the lines they came from keep them)."""
    caption, credit = image.caption, image.credit
    return Image(
        without_invisible_marks(caption) if caption else caption,
        without_invisible_marks(credit) if credit else credit,
        image.url,
    )


def _apply_lexicon(
    lines: list[Line],
    kinds: list[str],
    probs: list[float],
    lexicon_kinds: list[str | None],
    lexicon: BoilerplateLexicon,
) -> None:
    """Lexicon phrases name short lines; a whole-line match outranks the classifier."""
    for i in compress(count(), lexicon_kinds):  # the lines the lexicon named
        kind = lexicon_kinds[i]
        if kind is None:
            continue
        whole = lexicon.is_whole_phrase(lines[i].text)
        if whole or kinds[i] != PARAGRAPH or probs[i] < 0.8:
            kinds[i] = kind


def _doubt_ad_blocks(
    lines: list[Line], kinds: list[str], probs: list[float], lexicon_kinds: list[str | None]
) -> None:
    """A blank-line block holding an ad or widget phrase ("Reklāma", "Lasīt citas ziņas")
    is an ad or teaser block: a line in it stays in the article only when the classifier
    leans that way (``AD_BLOCK_MIN_PROBABILITY``), not merely above the keep threshold."""
    seen: set[int] = set()
    for i in compress(count(), lexicon_kinds):  # the lines the lexicon named
        block = lines[i].block
        if lexicon_kinds[i] not in ("ad", "widget") or block in seen:
            continue
        seen.add(block)
        j = i
        while j > 0 and lines[j - 1].block == block:
            j -= 1
        while j < len(lines) and lines[j].block == block:
            if kinds[j] == PARAGRAPH and probs[j] < AD_BLOCK_MIN_PROBABILITY:
                kinds[j] = ""  # named later from its shape and position
            j += 1


def _bridge_interruptions(
    lines: list[Line], kinds: list[str], probs: list[float], lexicon_kinds: list[str | None]
) -> None:
    """Prose cut off from the article by an ad or widget block belongs to the article.

    Portals insert ad and teaser blocks right under the lead; the classifier sees the
    lead stranded above them and doubts it. A sentence-shaped line just above such a
    block, which the classifier did not rule out, rejoins the article.
    """
    first = _first_paragraph(kinds)
    while first is not None and first > 0:
        i = first - 1
        interrupted = False
        while i >= 0 and kinds[i] != PARAGRAPH:
            block = lines[i].block
            members = [j for j in range(i, -1, -1) if lines[j].block == block]
            if not any(lexicon_kinds[j] in ("ad", "widget") for j in members):
                break
            interrupted = True
            i = members[-1] - 1
        if not interrupted or i < 0 or kinds[i] == PARAGRAPH:
            return
        text = lines[i].text
        if probs[i] < BRIDGE_MIN_PROBABILITY or len(text.split()) < 12 or text[-1] not in '.!?…”"':
            return
        kinds[i] = PARAGRAPH
        first = i


def _captions_and_credits(lines: list[Line], kinds: list[str], texts: list[str]) -> list[Image]:
    """A photo credit line, and the caption line standing right above it."""
    images: list[Image] = []
    for i in _starting_with_label(texts):
        line = lines[i]
        credit = credit_of(line.text)
        if credit is None:
            continue
        kinds[i] = "credit"
        caption: str | None = None
        j = i - 1
        if j >= 0 and (kinds[j] != PARAGRAPH or lines[j].block == line.block):
            caption_line = lines[j]
            k = j - 1
            while k >= 0 and lines[k].text == caption_line.text:
                kinds[k] = "caption"  # the same caption printed twice (alt text, figcaption)
                k -= 1
            if kinds[j] != TITLE:
                kinds[j] = "caption"
                caption = caption_line.text.rstrip(" ,;:–—-")
        images.append(Image(caption=caption, credit=credit))
    return images


def _starting_with_label(texts: list[str]) -> list[int]:
    """Lines whose first twelve characters, case-folded, open with a credit label.

    One ``casefold`` over the joined heads (it maps each character on its own, and a
    line holds no newline), then C-level maps: the same test as line by line.
    """
    heads = "\n".join(map(str.__getitem__, texts, repeat(slice(0, 12))))
    folded = heads.casefold().split("\n")
    return list(compress(count(), map(str.startswith, folded, repeat(CREDIT_LABELS))))


def _mark_duplicates(lines: list[Line], kinds: list[str], texts: list[str]) -> None:
    """Later copies of a line already used are duplicates (repeated captions, pull quotes)."""
    n = len(texts)
    # Each text's first position (a dict filled from the end keeps the earliest).
    first_at = dict(zip(reversed(texts), range(n - 1, -1, -1), strict=True))
    if len(first_at) == n:
        return
    firsts = np.fromiter(map(first_at.__getitem__, texts), dtype=np.int64, count=n)
    for i in np.flatnonzero(firsts != np.arange(n)).tolist():
        if kinds[i] in (PARAGRAPH, "") and len(texts[i].split()) >= MIN_DUPLICATE_WORDS:
            kinds[i] = "duplicate"


def _find_title(
    lines: list[Line], kinds: list[str], site: tuple[str, str] | None
) -> tuple[int | None, Headline | None]:
    """The headline: the heading-shaped line nearest above the first paragraph.

    ``site`` is the page's first line split as a ``<title>`` (headline, site), if it is one.
    """
    first = _first_paragraph(kinds)
    if first is None:
        return None, None
    best: int | None = None
    for i in range(first - 1, max(-1, first - HEAD_WINDOW - 1), -1):
        if kinds[i] in ("caption", "credit", "ad", "widget", "navigation", "footer", "duplicate"):
            continue
        text = lines[i].text
        words = text.split()
        if not 3 <= len(words) <= 40 or text.endswith((".", ",", ":", ";")):
            continue
        if find_absolute_dates(text) or byline_authors(text):
            continue
        if site is not None and site[0].casefold() in text.casefold():
            best = i
            break
        if best is None:
            best = i
    if best is None and site is not None and first > 0:
        best = 0
    if best is None:
        return None, None
    headline = split_glued_counter(lines[best].text)
    if best == 0 and site is not None:
        headline = split_glued_counter(site[0])
    kinds[best] = TITLE
    return best, headline


def _name_remaining_kinds(texts: list[str], kinds: list[str]) -> None:
    """Give every line the classifier dropped a kind from its shape and position."""
    start = _first_paragraph(kinds)
    if start is None:
        start, end = len(kinds), -1
    else:
        end = len(kinds) - 1 - kinds[::-1].index(PARAGRAPH)
    for i in list(compress(count(), map(not_, kinds))):  # the lines still without a kind
        text = texts[i]
        if text[0].isdigit() and text.replace(" ", "").isdigit():
            kinds[i] = "counter"
        elif i < start:
            kinds[i] = "navigation"
        elif i > end:
            kinds[i] = "footer" if "©" in text or len(text.split()) > 12 else "teaser"
        elif len(text.split()) <= 3 and text.upper() == text:
            kinds[i] = "widget"  # a capitalised heading inside the article: "CITI ŠOBRĪD LASA"
        else:
            kinds[i] = "teaser"


def _reference_date(
    texts: list[str], kinds: list[str], title_at: int | None
) -> tuple[str | None, str | None]:
    """The page's own date: a byline date near the title, else a caption's, else the text's."""
    near_title = [
        i for i in _head_of_page(kinds, title_at) if kinds[i] not in (PARAGRAPH, "caption")
    ]
    # Later sources are only listed when the earlier ones hold no date.
    sources: tuple[tuple[str, Callable[[], list[int]]], ...] = (
        ("byline", lambda: near_title),
        ("caption", lambda: _indices_of(kinds, "caption")),
        ("text", lambda: _indices_of(kinds, PARAGRAPH)),
    )
    for source, candidates in sources:
        for i in _with_a_year(texts, candidates()):
            dates = find_absolute_dates(texts[i])
            if dates:
                return dates[0][2].isoformat(), source
    return None, None


def _with_a_year(texts: list[str], candidates: list[int]) -> list[int]:
    """The candidates whose text states a year: only those can hold a full date."""
    if not candidates:
        return []
    has_year = years_in(list(map(texts.__getitem__, candidates)))
    return list(compress(candidates, has_year))


def _authors(lines: list[Line], kinds: list[str], title_at: int | None) -> list[str]:
    for i in _head_of_page(kinds, title_at):
        names = byline_authors(lines[i].text)
        if names:
            return names
    return []


def _head_of_page(kinds: list[str], title_at: int | None) -> range:
    """Where bylines and datelines stand: above the headline down to just into the body."""
    first = _first_paragraph(kinds)
    if first is None:
        first = len(kinds)
    head_from = max(0, (title_at if title_at is not None else first) - HEAD_WINDOW)
    return range(head_from, min(first + 3, len(kinds)))


def _first_paragraph(kinds: list[str]) -> int | None:
    """Where the first paragraph stands (``list.index`` searches in C); None if nowhere."""
    try:
        return kinds.index(PARAGRAPH)
    except ValueError:
        return None


def _indices_of(kinds: list[str], kind: str) -> list[int]:
    """The positions of ``kind`` in ``kinds``, found by C-level maps."""
    return list(compress(count(), map(kind.__eq__, kinds)))
