"""Notices a site prints beside every article: sign-up consent, thanks and newsletter
calls, calls to follow or comment, cookie notices, appeals for support, affiliate
disclosures, copyright lines; and lines that only carry the page's date or tags.

They stand inside the article's container and read like prose ("By signing up, you
agree to receive…"), so the block model keeps some of them; their wording gives them
away. Each pattern is a whole formula, not a word ("subscribe" alone is often the
article's own topic), and only short paragraphs are looked at: a notice is a sentence
or three.
"""

from __future__ import annotations

import re

from newsmill.extract.html_dates import dates_in_text
from newsmill.record import BoilerplateKind

# Longer paragraphs are prose that may quote a notice, never a notice; a bare rights
# line is shorter still.
NOTICE_MAX_WORDS = 60
RIGHTS_LINE_MAX_WORDS = 20

# Each notice: its kind, its wording, the most words a paragraph holding it may have.
_NOTICES: tuple[tuple[BoilerplateKind, re.Pattern[str], int], ...] = (
    (
        "widget",
        re.compile(
            r"\bby (?:signing up|subscribing|clicking|submitting|registering)\b[^.!?]{0,160}?"
            r"\byou (?:agree|acknowledge|consent|confirm)",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "widget",
        re.compile(
            r"^\W*(?:thanks|thank you) for (?:signing up|subscribing|registering)\b",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "widget",
        re.compile(
            r"^\W*(?:sign up|subscribe)\b[^.!?]{0,80}\bnewsletters?\b"
            r"|\bnewsletters?\b[^.!?]{0,100}\b(?:sign up|subscribe)(?: now| today| here)?\W*$"
            r"|^\W*(?:piesakies|piesakieties|abonē|abonējiet)\b[^.!?]{0,80}\b(?:jaunum|vēstul)"
            r"|^\W*(?:подпишитесь|подписывайтесь)\b[^.!?]{0,80}\b(?:рассылк|новост)",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "widget",
        re.compile(
            r"^\W*(?:follow (?:us|me)|connect with (?:us|me)|find (?:us|me) on"
            r"|seko mums|sekojiet mums|подписывайтесь на нас)\b"
            r"|^\W*(?:\d+\s+)?(?:comments?|komentāri|komentārs|комментари[йяи])\W*$"
            r"|^\W*(?:leave|post|add|write|join) (?:a|the) (?:comment|reply|discussion)\b"
            r"|^\W*(?:pievieno|pievienot|raksti|rakstīt) komentāru\b"
            r"|^\W*(?:оставить|добавить|написать) комментарий\b",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "widget",
        re.compile(
            r"\b(?:this|the) cookie is (?:set|used)\b|\bwe use cookies\b"
            r"|\bthis (?:web)?site uses cookies\b|\baccept (?:all )?cookies\b"
            r"|\b(?:your )?cookie (?:settings|preferences)\b"
            r"|\b(?:šī vietne|vietne|mēs) izmanto sīkdatnes\b|\bsīkdatņu iestatījumi\b"
            r"|\b(?:мы используем|сайт использует) (?:файлы )?cookie\b",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "ad",
        re.compile(
            r"\bsmall favou?r to ask\b|\bconsider pitching in\b"
            r"|\bsupport (?:our|independent|quality|local) (?:\w+ )?(?:journalism|reporting)\b",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "ad",
        re.compile(
            r"\b(?:we|i) (?:may |might |will |could )?(?:earn|receive|get|make) (?:a |an )?"
            r"(?:small |tiny )?(?:commission|affiliate commission|share of (?:the )?sales)",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "footer",
        re.compile(
            r"^\W*(?:(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}|[^\W\d_])|copyright\s+\d{4})",
            re.IGNORECASE,
        ),
        NOTICE_MAX_WORDS,
    ),
    (
        "footer",
        re.compile(
            r"\ball rights reserved\b|\bvisas tiesības aizsargātas\b|\bвсе права защищены\b",
            re.IGNORECASE,
        ),
        RIGHTS_LINE_MAX_WORDS,
    ),
)


# A line that only dates the page ("Updated March 13, 2024", "Publicēts 28.09.2023."):
# the record's dates hold it; in the text it is furniture. Besides its label and a full
# day, it holds at most a few words (a time, "by David").
DATELINE_MAX_WORDS = 14
DATELINE_MAX_OTHER_WORDS = 6
_DATELINE_LABEL = re.compile(
    r"^\W*(?:last\s+|first\s+)?(?:updated|published|posted|modified|publicēts|atjaunots|"
    r"atjaunināts|опубликовано|обновлено)\b",
    re.IGNORECASE,
)


# A line that only lists the page's tags or section ("Tags: Employment, Health").
_TAGS_LINE = re.compile(r"(?:tags?|topics?|filed under|categories|category)\s*:", re.IGNORECASE)


def notice_kind(text: str, *, page_lines: bool = True) -> BoilerplateKind | None:
    """The kind of notice a paragraph is, or None for anything else. ``page_lines``:
    whether a line that only dates the page or lists its tags counts (on an article
    page, not on a listing whose items are dated, tagged posts)."""
    words = len(text.split())
    if words > NOTICE_MAX_WORDS:
        return None
    for kind, pattern, max_words in _NOTICES:
        if words <= max_words and pattern.search(text):
            return kind
    if page_lines and words <= DATELINE_MAX_WORDS and _is_dateline(text):
        return "other"
    if page_lines and _TAGS_LINE.match(text):
        return "navigation"
    return None


def _is_dateline(text: str) -> bool:
    label = _DATELINE_LABEL.match(text)
    if label is None:
        return False
    days = dates_in_text(text)
    if not days:
        return False
    start, end, _ = days[0]
    other = len(text[label.end() : start].split()) + len(text[end:].split())
    return other <= DATELINE_MAX_OTHER_WORDS
