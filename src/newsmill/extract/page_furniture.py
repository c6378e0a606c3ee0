"""News metadata read from the furniture around an article.

Headlines with glued comment counters, photo credits, domain mentions in
footers, bylines and site suffixes in ``<title>`` lines: the same cues serve
flattened text and (later) HTML, so they live apart from either extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmill.extract.lines import without_invisible_marks
from newsmill.record import Publisher

# A trailing bare number glued to a headline is a comment counter ("... Maskavā 25"),
# unless the word before it takes a number ("iPhone 11", "Top 10", "Windows 11").
_GLUED_COUNTER = re.compile(r"^(?P<head>.*\S)\s+(?P<count>\d{1,5})$")
_NUMBER_TAKERS = frozenset(
    """top no nr nr. covid covid- iphone ipad galaxy pixel windows ios android macos version v
    part pt daļa sērija episode season chapter round gen generation formula fifa gta ps xbox
    vs. vs un and or of in at to by the for un ar līdz no uz par pēc pirms kopš gadā gada
    """.split()
)
_TITLE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:[|–—•·»:]|-|::)\s+(?P<site>[^|–—•·»]{2,60})$")
_DOMAIN = re.compile(
    r"(?<![\w@.-])((?:[a-z0-9][a-z0-9-]*\.)+(?:lv|lt|ee|com|org|net|eu|uk|de|fr|ru|info|news|tv|fm|io|co))"
    r"(?![\w-])",
    re.I,
)
# The end of every domain _DOMAIN finds.
_TOP_LEVEL = re.compile(
    r"\.(?:lv|lt|ee|com|org|net|eu|uk|de|fr|ru|info|news|tv|fm|io|co)(?![\w-])", re.I
)
# What a credit line starts with, lowercased: a cheap test before the pattern.
CREDIT_LABELS = (
    "foto",
    "attēls",
    "video",
    "photo",
    "photograph",
    "image",
    "picture",
    "credit",
    "source",
    "avots",
)
_CREDIT = re.compile(
    r"^(?:foto|attēls|video|photo|photograph|image|picture|credit|source|avots)\s*(?:by)?\s*[:\-–—]\s*(?P<who>.+)$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|autors|autore|teksts|author|written by|words by)\s*:?\s+(?P<who>[^\d,;|]{3,80})$",
    re.I,
)
_NAME = re.compile(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w'’.-]+(?:\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ][\w'’.-]+){1,3}$")


@dataclass(frozen=True)
class Headline:
    title: str
    comment_count: int | None


def split_glued_counter(line: str) -> Headline:
    m = _GLUED_COUNTER.match(line)
    if m is None:
        return Headline(line, None)
    head, count = m.group("head"), m.group("count")
    words = head.split()
    previous = words[-1].casefold()
    is_year = len(count) == 4 and count.startswith(("19", "20"))
    if len(words) < 4 or previous in _NUMBER_TAKERS or is_year or not previous[-1].isalpha():
        return Headline(line, None)
    return Headline(head, int(count))


def title_site_split(line: str) -> tuple[str, str] | None:
    """``"Headline | Site"`` as ``(headline, site)``; None when there is no suffix."""
    m = _TITLE_SUFFIX.match(line)
    if m is None:
        return None
    head, site = m.group("head").strip(), m.group("site").strip()
    if len(site.split()) > 6 or len(head.split()) < 2:
        return None
    return head, site


def credit_of(line: str) -> str | None:
    """The credited party of a photo credit line, without its label."""
    line = without_invisible_marks(line)
    m = _CREDIT.match(line.strip())
    if m is None or len(line.split()) > 12:
        return None
    return m.group("who").strip()


# A photo's credit closing its caption: in brackets ("(Image: GETTY)", "(AP Photo/Alex
# Brandon)", "(Photo by Jane Doe/Getty Images)") or after the caption's last sentence
# ("... in 2004. Photo: Thomas Kuoh", "... shoes. Picture: Getty"). Article prose does not
# end so: on wcxb-dev none of the kept paragraphs ending so is article text.
_PHOTO_WORD = r"(?:image|photo|photograph|picture|pic|foto|fotó|attēls|bild|kuva|zdjęcie)"
# A label's separator: a colon, or a dash with spaces ("Credit-card" is a word).
_LABEL_END = r"\s*+(?::|\s[-–—]\s)"
_BRACKETED_CREDIT = re.compile(
    r"\((?P<credit>(?:(?:"
    + _PHOTO_WORD
    + r"s?|credit)\s*+(?:by|credit|courtesy(?:\s++of)?)?"
    + _LABEL_END
    + r"|"
    + _PHOTO_WORD
    + r"s?\s++(?:by|courtesy|credit)\b"
    r"|(?:AP|AFP|Reuters|EPA|Getty|PA|Xinhua|Bloomberg|Shutterstock)\s*+"
    r"(?:Photo|Images?|Wire)\b)[^()]{0,80})\)\s*+$",
    re.I,
)
_TRAILING_CREDIT = re.compile(
    r"(?:[.!?…)]\s+|\s[|/–—-]\s)(?P<credit>(?:" + _PHOTO_WORD + r"|credit)\s*+(?:by|credit)?"
    r"\s*+:\s*+[^!?:]{1,60})$",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:"
    + _PHOTO_WORD
    + r"s?|credit)\s*+(?:by|credit|courtesy(?:\s++of)?)?"
    + _LABEL_END
    + r"|"
    + _PHOTO_WORD
    + r"s?\s++(?:by|courtesy\s++of)\s)\s*+",
    re.I,
)
# A credit after a caption's last sentence names people and agencies: each of its
# words is capitalised, a name's particle or one of a few words credits use ("Jane
# Doe/Getty Images", "the Smith family", "LETA/A. Lapiņš"); a sentence after a label is
# text, not a credit ("Bild: Die Polizei sucht Zeugen", "Photo: two recent ones, 35 by
# 45 mm").
_CREDIT_WORDS = frozenset(
    "by and of for from via the de del da do dos von van der den la le les y e et und un "
    "& screenshot handout file supplied archive courtesy family author artist photographer".split()
)
CREDIT_MAX_WORDS = 10
# The trailing form's label, colon and credit fit in this many characters.
_TRAILING_CREDIT_CHARS = 80
# A caption is short; a paragraph longer than this that ends with a credit is prose.
CAPTION_MAX_WORDS = 80


def credited_caption(text: str) -> tuple[str, str] | None:
    """``(caption, credit)`` of a block that is a photo's caption ending with its credit,
    the credit without its label ("Image:"); None for any other block."""
    # Either form ends the block with a bracket or holds a colon near its end: a cheap
    # test first, as most blocks are neither.
    if not text.rstrip().endswith(")") and ":" not in text[-_TRAILING_CREDIT_CHARS:]:
        return None
    if len(text.split()) > CAPTION_MAX_WORDS:
        return None
    found = _BRACKETED_CREDIT.search(text) or _TRAILING_CREDIT.search(text)
    if found is None:
        return None
    credit = _CREDIT_LABEL.sub("", found.group("credit")).strip()
    words = credit.split()
    if not 0 < len(words) <= CREDIT_MAX_WORDS:
        return None
    # In brackets a label is evidence enough ("(Image: getty)", "(Photos by Jane Doe,
    # left, and …)"); after a sentence, the credit must read as names too.
    if found.re is _TRAILING_CREDIT and not _reads_as_credit(words):
        return None
    caption = text[: found.start("credit")].rstrip(" ,;:|/–—-(")
    return caption, credit


def _reads_as_credit(words: list[str]) -> bool:
    return all(
        w.casefold().strip(",;") in _CREDIT_WORDS or any(c.isupper() for c in w) for w in words
    )


def byline_authors(line: str) -> list[str]:
    m = _BYLINE.match(without_invisible_marks(line).strip())  # "Jā\xadnis": one name
    if m is None:
        return []
    names = re.split(r"\s*(?:,| and | un | & )\s*", m.group("who").strip())
    return [n for n in names if _NAME.match(n)]


def domains_in(text: str) -> list[str]:
    """Domain names in ``text``, in order.

    Every domain ends in a dot and a top-level domain, which a literal-led pattern finds
    fast; the full pattern then scans only the lines holding one (a domain holds no
    newline, and the newlines around a line act as its edges, so the finds are those
    of a scan of the whole text).
    """
    found: list[str] = []
    scanned_to = -1
    for hit in _TOP_LEVEL.finditer(text):
        at = hit.start()
        if at < scanned_to:
            continue  # its line is done
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        scanned_to = len(text) if end < 0 else end
        found += _DOMAIN.findall(text, start, scanned_to)
    return found


def publisher_from(mentions: list[str], site_name: str | None) -> Publisher | None:
    """The publisher: the domain the page names most, else the title's site suffix."""
    if mentions:
        counts: dict[str, int] = {}
        spelled: dict[str, str] = {}
        for mention in mentions:
            key = mention.casefold().removeprefix("www.")
            counts[key] = counts.get(key, 0) + 1
            spelled.setdefault(key, mention.removeprefix("www.").removeprefix("WWW."))
        domain = max(counts, key=lambda k: counts[k])
        return Publisher(name=spelled[domain], domain=domain)
    if site_name:
        return Publisher(name=site_name, domain=None)
    return None


# A template language's placeholder or tag ("{{ article.title }}", "{% if … %}").
# No brace inside: the search stays linear on an unclosed "{{", and TeX's
# "{{n}\choose{k}}" is no placeholder.
_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")


def mostly_placeholders(text: str) -> bool:
    """Whether half or more of ``text`` (its spaces aside) is template placeholders: what
    a script-built page (Angular, Vue, Handlebars) shows before its script fills it in,
    or a CMS's unexpanded shortcode."""
    if "{{" not in text and "{%" not in text:
        return False
    placeholders = sum(len(m.replace(" ", "")) for m in _PLACEHOLDER.findall(text))
    return placeholders * 2 >= len(text.replace(" ", ""))
