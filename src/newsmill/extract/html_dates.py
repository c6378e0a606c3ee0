"""The dates of an HTML page: read in every form, validated, and the page's own chosen.

Pages state dates in machine forms (``2023-09-28T10:30:00+03:00``, RFC 822,
``20230928``), in visible bylines ("September 28, 2023", "2023.gada 28.septembrī")
and in their URL (``/2023/09/28/``), and the copies disagree: templates stamp
wrong meta dates, "Updated" labels sit where the date was. Each form is checked to
be a real day in 1990-2100 (garbage gives None, never an exception).
:func:`read_dates` gathers every copy as a candidate with its source, and what the
hand rules make of them; :func:`page_dates` lets the learned ranker
(``html_date_ranker``) choose the publication day among them, since every hand rule
for which copy to trust fixed as many pages as it broke.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import cast

from lxml import etree
from lxml.etree import _Element

from newsmill.extract.absolute_dates import MONTH_FIRST, SlashOrder, find_absolute_dates
from newsmill.extract.html_date_ranker import DateCandidate, default_ranker

MIN_YEAR, MAX_YEAR = 1990, 2100
_NEAR_HEADLINE = 150  # characters of visible text between a headline and its own date
_CARD_EXTRA_CHARS = 40  # text a link holds beyond its date that makes it a teaser card

_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
)
_SLASHED = re.compile(r"^\s*(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})\b")
_DMY_DASHED = re.compile(r"^\s*(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})\s*$")
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# RFC 822 / 2822 as in feeds and some meta tags: "Thu, 28 Sep 2023 10:30:00 +0300".
_RFC822 = re.compile(
    r"^\s*(?:\w{3},?\s+)?(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3})\w*\s+(?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<tz>Z|UT|UTC|GMT|[+-]\d{4})?)?"
)
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<s>[/_-]?)(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)(?!\d)"
)
# Bare numeric days in visible text that absolute_dates leaves alone: "2025/4/29".
# The test of the character before the year comes after it (a 5-character look-behind
# that fails at the text's start as the 1-character one did), so the pattern starts with
# digits and the regex engine skips ahead to them: 5 times faster.
_YMD_SLASHED = re.compile(
    r"((?:19|20)\d{2})(?<![\d/.]\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/]|\.\d)"
)
_UPDATED_BEFORE = re.compile(
    r"(?:updat\w*|modifi\w*|revised|edited|refreshed|reviewed|atjaunināt\w*)\W{0,4}(?:on|at)?\W{0,3}$",
    re.I,
)


def _valid_day(year: int, month: int, day: int) -> date | None:
    """The calendar day, or None when it does not exist or lies outside 1990-2100."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _offset(tz: str | None) -> timezone | None:
    if tz is None:
        return None
    if tz in ("Z", "UT", "UTC", "GMT"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _compose(
    day: date, hour: str | None, minute: str | None, second: str | None, tz: str | None
) -> str:
    if hour is None or minute is None:
        return day.isoformat()
    h, mi, s = int(hour), int(minute), int(second or 0)
    zone = _offset(tz)
    if h > 23 or mi > 59 or s > 59 or (tz is not None and zone is None):
        return day.isoformat()
    return datetime(day.year, day.month, day.day, h, mi, s, tzinfo=zone).isoformat()


def normalise_date(value: str, order: SlashOrder = MONTH_FIRST) -> str | None:
    """A machine-written date or date-time as ISO 8601; None when it is not one. A
    slashed day both orders allow is read by ``order``.

    The time and its offset are kept when the value states them
    (``"2023-09-28T14:05:00+03:00"``); a bare day gives ``"2023-09-28"``.
    """
    value = value.strip()
    if not value or len(value) > 80:
        return None
    m = _ISO.match(value)
    if m is not None:
        day = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
        return _compose(day, m["H"], m["M"], m["S"], m["tz"]) if day else None
    m = _SLASHED.match(value)
    if m is not None:
        day = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
        return day.isoformat() if day else None
    m = _DMY_DASHED.match(value)
    if m is not None:  # "28-09-2023" or "09-28-2023"; "03-09-2023" is either, so neither
        first, second = int(m["d"]), int(m["m"])
        if first <= 12 and second <= 12 and first != second:
            return None
        day = _valid_day(int(m["y"]), min(first, second), max(first, second))
        return day.isoformat() if day else None
    m = _RFC822.match(value)
    if m is not None and m["mon"].casefold() in _EN_MONTHS:
        month = _EN_MONTHS.index(m["mon"].casefold()) + 1
        day = _valid_day(int(m["y"]), month, int(m["d"]))
        return _compose(day, m["H"], m["M"], m["S"], m["tz"]) if day else None
    found = dates_in_text(value, order)
    return found[0][2] if found else None


def dates_in_text(text: str, order: SlashOrder = MONTH_FIRST) -> list[tuple[int, int, str]]:
    """Full days written in visible text as ``(start, end, iso day)``, in order; slashed
    days read by ``order`` (``find_absolute_dates``)."""
    found = [
        (start, end, day.isoformat())
        for start, end, day in find_absolute_dates(text, order)
        if MIN_YEAR <= day.year <= MAX_YEAR
    ]
    if "/" in text or "." in text:
        for m in _YMD_SLASHED.finditer(text):
            day = _valid_day(int(m[1]), int(m[3]), int(m[4]))
            if day is not None:
                found.append((m.start(), m.end(), day.isoformat()))
        found.sort()
    return found


def _says_updated(text: str, start: int) -> bool:
    """Whether the date at ``start`` is labelled as an update ("Updated on ...")."""
    return bool(_UPDATED_BEFORE.search(text[max(0, start - 30) : start]))


def url_date(url: str | None) -> str | None:
    """The day a URL path states: ``/2023/09/28/``, ``2023-09-28``, ``20230928``."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    slash = path.find("/")
    if slash < 0:
        return None
    for m in _URL_DATE.finditer(path[slash:]):
        day = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is not None:
            return day.isoformat()
    return None


# <time> and date-classed elements outside comments, teasers and page furniture.
_NOT_MAIN = frozenset(
    """comment comments related sidebar widget recommended recommendations promo teaser
    recent""".split()
)
_CLASS_WORD = re.compile(r"[\s_-]+")
_MODIFIED_CUE = re.compile(r"updat|modif|edited|revised", re.I)
_PUBLISHED_CUE = re.compile(r"publi|posted|pubdate|created|entry-date|article-date", re.I)


def is_furniture(el: _Element) -> bool:
    """Whether the element's class or id names comments, teasers, sidebars or widgets."""
    for cues in (el.get("class"), el.get("id")):
        if cues and not _NOT_MAIN.isdisjoint(_CLASS_WORD.split(cues.lower())):
            return True
    return False


def _in_main(el: _Element) -> bool:
    """Whether ``el`` is outside comments, teasers, sidebars and page-level footers or navs."""
    furniture = False
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag == "article":
            return True
        if tag == "body":  # its classes describe the page, not the element
            break
        if tag in ("footer", "aside", "nav"):
            furniture = True
        if is_furniture(ancestor):
            return False
    return not furniture


# lxml.html's ``text_content()`` is this XPath: the same string for a plain
# ``lxml.etree`` element, which has no such method.
_STRING = etree.XPath("string()", smart_strings=False)


def _text_content(el: _Element) -> str:
    """The element's descendant text nodes joined (no comments, no own tail)."""
    return cast(str, _STRING(el))


def _time_value(el: _Element, order: SlashOrder) -> str | None:
    raw = el.get("datetime") or el.get("content")
    if raw:
        found = normalise_date(raw, order)
        if found:
            return found
    text = " ".join(_text_content(el).split())[:200]
    days = dates_in_text(text, order)
    return days[0][2] if days else None


def _in_card_link(el: _Element) -> bool:
    """Whether ``el`` sits in a link that says more than the date: a teaser card's
    headline link, whose date is the linked page's. A permalink around the date alone
    (``<a rel="bookmark"><time>``) is the page's own."""
    for ancestor in el.iterancestors():
        if ancestor.tag == "a":
            own = len(" ".join(_text_content(el).split()))
            return len(" ".join(_text_content(ancestor).split())) > own + _CARD_EXTRA_CHARS
        if ancestor.tag in ("article", "body", "main"):
            return False
    return False


def _time_kind(el: _Element) -> str:
    """The ``<time>`` element's candidate kind: "time_published", "time_modified" or
    "time_plain" from its cues and its parent's; "time_outside" for one in furniture
    or a teaser card's link."""
    if not _in_main(el) or _in_card_link(el):
        return "time_outside"
    parent = el.getparent()
    # ``<time pubdate>``: the bare attribute's value is "", so its name is the cue.
    marked = "pubdate" if el.get("pubdate") is not None else None
    cues = " ".join(filter(None, (el.get("itemprop"), el.get("class"), el.get("id"), marked)))
    if parent is not None:
        cues += " " + (parent.get("class") or "") + " " + (parent.get("itemprop") or "")
    if "dateModified" in cues or _MODIFIED_CUE.search(cues):
        return "time_modified"
    if "datePublished" in cues or _PUBLISHED_CUE.search(cues):
        return "time_published"
    return "time_plain"


def _time_candidates(times: Sequence[_Element], order: SlashOrder) -> list[DateCandidate]:
    """The dates of the page's first 20 ``<time>`` elements, each with its kind."""
    found = []
    for position, el in enumerate(times[:20]):
        value = _time_value(el, order)
        if value is not None:
            found.append(DateCandidate(_time_kind(el), value, position=position))
    return found


def _time_element_dates(found: Sequence[DateCandidate]) -> tuple[str | None, str | None]:
    """``(published, modified)`` from ``<time>`` elements of the article."""
    published: str | None = None
    modified: str | None = None
    first: str | None = None
    for candidate in found:
        if candidate.kind == "time_modified":
            modified = modified or candidate.value
        elif candidate.kind == "time_published":
            published = published or candidate.value
        elif candidate.kind == "time_plain" and first is None:
            first = candidate.value
    return published or first, modified


_CLASSED_MAX = 60  # date-classed elements read per search


_DIGIT = re.compile(r"\d")


def _classed_date(scope: _Element, order: SlashOrder) -> str | None:
    """A date written out in a date-, byline- or publish-classed element of ``scope``
    (itself or a descendant, the first 60 such in document order): "ate" is in date,
    Date and updated, "ublic" in publish and publication.

    A walk rather than an XPath: it ends at the first dated element, and libxml2's
    ``contains()`` on every class attribute cost more than the walk's element objects.
    """
    seen = 0
    for el in scope.iter(etree.Element):  # elements only: comments have no class
        cues = el.get("class")
        if not cues or not (
            "ate" in cues or "ublic" in cues or "posted" in cues or "yline" in cues
        ):
            continue
        seen += 1
        if seen > _CLASSED_MAX:
            break
        if el.tag in ("script", "style", "meta", "body", "html"):
            continue
        text = _short_text(el, 200)
        # Every written date has digits: the cheap test before the ancestor walk.
        if not text or _DIGIT.search(text) is None or not _in_main(el):
            continue
        machine = normalise_date(text, order) if text[:4].isdigit() else None
        if machine is not None:
            return machine
        for start, _end, day in dates_in_text(text, order):
            if not _says_updated(text, start):
                return day
    return None


def _short_text(el: _Element, limit: int) -> str | None:
    """The element's text with whitespace collapsed; None when it runs past ``limit``."""
    pieces: list[str] = []
    size = 0
    for piece in cast("Iterator[str]", el.itertext()):
        size += len(piece)
        if size > 4 * limit:
            return None
        pieces.append(piece)
    text = " ".join(" ".join(pieces).split())
    return text if len(text) <= limit else None


_TEXT_FREE = frozenset(
    ("script", "style", "noscript", "template", "svg", "nav", "header", "footer")
)


_CHECK_AT = (800, 2000, 6000)  # characters of text read before looking for a date
_DATE_SPAN = 60  # longer than any written date: one ending this far from the cut is whole


def _first_shown_date(scope: _Element, order: SlashOrder) -> str | None:
    """The first full date in the visible text of ``scope`` (the article, say), read
    from about its first 6,000 characters. The text is searched as it grows, so a
    byline near the top ends the read; a date found clear of the cut is the one the
    whole text gives first, since no date is long enough to start before it unseen."""
    pieces: list[str] = []
    size = 0
    checks = iter(_CHECK_AT)
    check = next(checks)
    walker = etree.iterwalk(scope, events=("start", "end", "comment"))
    for event, el in walker:
        if event == "start":
            if el.tag in _TEXT_FREE:
                walker.skip_subtree()
                continue
            text = el.text
        else:
            text = el.tail
        if text and not text.isspace():
            pieces.append(" ".join(text.split()))
            size += len(pieces[-1]) + 1
            if size > check:
                if check == _CHECK_AT[-1]:
                    break
                read = " ".join(pieces)
                found = dates_in_text(read, order)
                if found and found[0][1] <= len(read) - _DATE_SPAN:
                    return found[0][2]
                check = next(checks)
    found = dates_in_text(" ".join(pieces), order)
    return found[0][2] if found else None


# ---------------------------------------------------------------- choosing the page's date

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:publish_date",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "datecreated",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "article.updated",
)
_OTHER_PUBLISHED = re.compile(r"publi|pub-?date|release|created|posted")
_MODIFIED_KEY = re.compile(r"modif|updat|edit")
_MICRODATA_PUBLISHED = etree.XPath(
    ".//@itemprop[.='datePublished' or .='dateCreated']/.."
    "/@*[name()='content' or name()='datetime' or name()='title']",
    smart_strings=False,
)


@dataclass(frozen=True)
class DateEvidence:
    """What a page offers about its dates, gathered by the metadata reader."""

    meta: Mapping[str, Sequence[str]]  # <meta> contents by lowercased name or property
    linked: tuple[str | None, str | None, str | None]  # JSON-LD published, modified, created
    times: Sequence[_Element]  # the page's <time> elements
    before: str  # visible text just before the headline
    after: str  # visible text just after the headline
    scope: _Element | None  # the article's part of the page, None when unknown
    body: _Element
    url: str | None
    # How the page writes a slashed day both orders allow: day first ("05/12/2025" is
    # 5 December) in every language but English, whose pages mostly follow the US order.
    slash_order: SlashOrder = MONTH_FIRST


def _first_date(*values: str | None, order: SlashOrder = MONTH_FIRST) -> str | None:
    for value in values:
        found = normalise_date(value, order) if value else None
        if found:
            return found
    return None


def _meta(evidence: DateEvidence, keys: Sequence[str]) -> list[str | None]:
    return [next((v for v in evidence.meta.get(key, ()) if v.strip()), None) for key in keys]


def _shown_dates(before: str, after: str, order: SlashOrder) -> list[tuple[int, str, bool]]:
    """Days shown around the headline: ``(distance, day, labelled as update)``."""
    found = [
        (end - len(before) - 1, day, _says_updated(before, start))
        for start, end, day in dates_in_text(before, order)
    ]
    found += [
        (start, day, _says_updated(after, start)) for start, _, day in dates_in_text(after, order)
    ]
    return found


@dataclass(frozen=True)
class DateReading:
    """Every date a page offers, and what the hand rules make of them."""

    candidates: list[DateCandidate]
    rules: tuple[str | None, str | None, str | None]  # published, modified, date_source


def page_dates(evidence: DateEvidence) -> tuple[str | None, str | None, str | None]:
    """``(published, modified, date_source)`` with date_source "meta", "byline" or "url".

    The published day is the ranker's best-scored day (html_date_ranker); its value
    keeps a machine copy's time when one states that day. The modified date is the
    rules' unless it falls before the published day.
    """
    reading = read_dates(evidence)
    published, modified, source = reading.rules
    day = default_ranker().best_day(reading.candidates, published, modified)
    if day is not None and (published is None or published[:10] != day):
        published, source = _value_of_day(reading.candidates, day)
    if modified is not None and published is not None and modified[:10] < published[:10]:
        modified = None
    return published, modified, source


# Which copy of the chosen day to give: a machine date with its time, publication first.
_VALUE_ORDER = (
    "ld_published",
    "meta_published_main",
    "meta_published",
    "time_published",
    "microdata",
    "meta_site_published",
    "ld_created",
    "ld_modified",
    "meta_modified",
    "time_modified",
    "meta_site_modified",
    "time_plain",
    "meta_other",
)
_BYLINE_KINDS = frozenset(
    ("shown_near", "shown_update", "shown_far", "first_shown", "classed_body")
)


def _value_of_day(candidates: Sequence[DateCandidate], day: str) -> tuple[str, str]:
    """The fullest value stating ``day`` and its date_source."""
    same = [c for c in candidates if c.day == day]
    for kind in _VALUE_ORDER:
        for candidate in same:
            if candidate.kind == kind:
                return candidate.value, "meta"
    if any(c.kind in _BYLINE_KINDS for c in same):
        return day, "byline"
    return day, "url"


class _TextDates:
    """The costly text reads, each done at most once per element: the rules' fallback
    and the ranker's candidates ask for the same ones."""

    def __init__(self, order: SlashOrder) -> None:
        self._order = order
        self._classed: dict[int, str | None] = {}
        self._shown: dict[int, str | None] = {}

    def classed(self, scope: _Element) -> str | None:
        key = id(scope)
        if key not in self._classed:
            self._classed[key] = _classed_date(scope, self._order)
        return self._classed[key]

    def first_shown(self, scope: _Element) -> str | None:
        key = id(scope)
        if key not in self._shown:
            self._shown[key] = _first_shown_date(scope, self._order)
        return self._shown[key]


def read_dates(evidence: DateEvidence) -> DateReading:
    """Every date candidate of the page, and the hand rules' choice."""
    found: list[DateCandidate] = []
    machine = evidence.slash_order
    published_ld, modified_ld, created_ld = evidence.linked
    for kind, raw in (
        ("ld_published", published_ld),
        ("ld_modified", modified_ld),
        ("ld_created", created_ld),
    ):
        value = normalise_date(raw, machine) if raw else None
        if value is not None:
            found.append(DateCandidate(kind, value))
    for key, values in evidence.meta.items():
        meta_kind = _meta_kind(key)
        if meta_kind is None:
            continue
        for raw in values[:3]:
            value = normalise_date(raw, machine) if raw.strip() else None
            if value is not None:
                found.append(DateCandidate(meta_kind, value))
    day = url_date(evidence.url)
    # A slashed day that both orders allow is read as the machine-written dates confirm.
    known = {c.day for c in found}
    if day is not None:
        known.add(day)
    order = machine._replace(known=frozenset(date.fromisoformat(d) for d in known))
    times = _time_candidates(evidence.times, order)
    shown = _shown_dates(evidence.before, evidence.after, order)
    found += times
    for distance, shown_day, updated in shown:
        if updated:
            shown_kind = "shown_update"
        else:
            shown_kind = "shown_near" if abs(distance) <= _NEAR_HEADLINE else "shown_far"
        found.append(DateCandidate(shown_kind, shown_day, distance=distance))
    if day is not None:
        found.append(DateCandidate("url", day))
    text = _TextDates(order)
    rules = _rule_dates(evidence, times, shown, text)
    published = rules[0]
    # A page whose meta, <time>, byline and URL days are all the one the rules choose
    # needs no deeper look (the costly part of the reading); any other page's text and
    # date-classed elements may show the day the rest hides or gets wrong.
    if published is None or {c.day for c in found} != {published[:10]}:
        found += _deep_candidates(evidence, text)
    return DateReading(found, rules)


_AROUND_LEVELS = 2  # as good as the whole body by CV (529.2 against 529.3 of 586), cheaper


def _around(scope: _Element, body: _Element) -> _Element:
    """The box a couple of levels around the article's part, where a byline outside it
    sits; the body when the part hangs right under it."""
    around = scope
    for level, ancestor in enumerate(scope.iterancestors()):
        if ancestor.tag in ("body", "html") or level >= _AROUND_LEVELS:
            break
        around = ancestor
    return body if around is scope else around


def _deep_candidates(evidence: DateEvidence, text: _TextDates) -> list[DateCandidate]:
    """Dates in the article's text, date-classed elements outside it, and microdata."""
    found = []
    scope = evidence.scope if evidence.scope is not None else evidence.body
    first_shown = text.first_shown(scope)
    if first_shown is not None:
        found.append(DateCandidate("first_shown", first_shown))
    if evidence.scope is not None:
        if evidence.scope is not evidence.body:  # the byline outside the headline's box
            classed = text.classed(_around(evidence.scope, evidence.body))
            if classed is not None:
                found.append(DateCandidate("classed_body", classed))
        for raw in cast("list[str]", _MICRODATA_PUBLISHED(evidence.scope))[:3]:
            value = normalise_date(raw, evidence.slash_order)
            if value is not None:
                found.append(DateCandidate("microdata", value))
    return found


_MAIN_PUBLISHED_META = frozenset(("article:published_time", "og:published_time", "datepublished"))
_DATE_NAMED = re.compile(r"date|time|publi|modif|updat|created|issued")


def _meta_kind(key: str) -> str | None:
    """The candidate kind of a meta tag's date; None for a tag that is not about dates."""
    if key in _MAIN_PUBLISHED_META:
        return "meta_published_main"
    if key in _PUBLISHED_META:
        return "meta_published"
    if key in _MODIFIED_META:
        return "meta_modified"
    if _MODIFIED_KEY.search(key):
        return "meta_site_modified"
    if _OTHER_PUBLISHED.search(key):
        return "meta_site_published"
    if _DATE_NAMED.search(key):
        return "meta_other"
    return None


def _rule_dates(
    evidence: DateEvidence,
    times: Sequence[DateCandidate],
    shown: Sequence[tuple[int, str, bool]],
    text: _TextDates,
) -> tuple[str | None, str | None, str | None]:
    """The hand rules' ``(published, modified, date_source)``, a feature of the ranker.

    A day shown next to the headline, not labelled as an update, is the page's own
    date even where a meta tag disagrees (templates stamp wrong dates into meta tags
    more often than they print them); the meta copy of that day is kept for its time.
    A shown day that is the meta modification date is the update, not the publication.
    """
    published_ld, modified_ld, created_ld = evidence.linked
    machine = evidence.slash_order
    published = _first_date(
        published_ld, *_meta(evidence, _PUBLISHED_META), order=machine
    ) or _first_date(created_ld, order=machine)
    modified = _first_date(modified_ld, *_meta(evidence, _MODIFIED_META), order=machine)
    time_published, time_modified = _time_element_dates(times)
    modified = modified or time_modified
    near = [d for d in shown if not d[2] and abs(d[0]) <= _NEAR_HEADLINE]
    updates = [d for d in shown if d[2] and abs(d[0]) <= _NEAR_HEADLINE]
    if modified is None and updates:  # "Updated March 5, 2024" under the headline
        modified = min(updates, key=lambda d: abs(d[0]))[1]
    if near:
        day = min(near, key=lambda d: abs(d[0]))[1]
        for value in (published, time_published):
            if value is not None and value[:10] == day:
                return value, modified, "meta"
        if modified is not None and modified[:10] == day:
            return published or modified, modified, "meta"
        return day, modified, "byline"
    if published or time_published:
        return published or time_published, modified, "meta"
    if shown:
        return min(shown, key=lambda d: abs(d[0]))[1], modified, "byline"
    found = _fallback_meta_date(evidence)
    if found is not None:
        return found, modified, "meta"
    if evidence.scope is not None:
        found = text.classed(evidence.scope) or text.first_shown(evidence.scope)
        if found is None and evidence.scope is not evidence.body:
            found = text.classed(evidence.body)  # the byline outside the headline's box
    else:  # no headline and no article: a bounded read of the body, not a full search
        found = text.first_shown(evidence.body)
    if found is not None:
        return found, modified, "byline"
    if modified is not None:
        return modified, modified, "meta"
    found = url_date(evidence.url)
    return found, modified, ("url" if found else None)


def _fallback_meta_date(evidence: DateEvidence) -> str | None:
    """A site's own publication meta tag ("w-published-date"), the earliest when there
    are several, else microdata."""
    machine = evidence.slash_order
    other = [
        normalise_date(values[0], machine)
        for key, values in evidence.meta.items()
        if values and _OTHER_PUBLISHED.search(key) and not _MODIFIED_KEY.search(key)
    ]
    days = [value for value in other if value is not None]
    # Of several site-specific publication tags, the earliest: a page is published
    # once, and a later "published" time is a render or republication stamp.
    found = min(days, key=lambda value: value[:10]) if days else None
    if found is None and evidence.scope is not None:
        found = _first_date(*cast("list[str]", _MICRODATA_PUBLISHED(evidence.scope)), order=machine)
    return found
