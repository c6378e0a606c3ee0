"""The article's authors: credited in metadata, else found in the visible byline.

Author strings are the dirtiest metadata a page has ("By Jane Doe and John Roe |
Sep 4", "Jane Doe, Staff Writer", the site's own name, an avatar's initials), and
the visible byline has to be found before it can be read, so finding and cleaning
names is one job, kept here apart from the other metadata. :func:`page_authors`
reads an :class:`AuthorEvidence`, as ``html_dates`` reads its ``DateEvidence``;
``element_text`` and ``word_tokens`` are shared with ``html_metadata``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from lxml import etree
from lxml.etree import _Element

from newsmill.extract.html_linked_data import clean_text, declares_article
from newsmill.extract.page_furniture import byline_authors

MAX_AUTHORS = 6
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class AuthorEvidence:
    """What the page offers about its authors.

    ``linked`` is JSON-LD's ``(persons, organisations)``, ``meta`` the raw ``<meta>``
    contents by lowercased key, ``elements`` and ``pieces`` the elements and visible
    text just after the headline, ``scope`` the part of the page the article lives in
    and ``site`` the site's name, ``domain`` its domain ("heise.de"); ``language`` (ISO
    639-1) names the word its bylines start with ("Par", "Von", "Por"). ``body``, the
    whole page, is searched for a byline outside the scope only on a page that declares
    itself an article: elsewhere the bylines outside are a listing's or a testimonial's.
    The whole-page search reads the tree once more (a few ms on the largest pages), only
    when nothing closer names anyone.
    """

    linked: tuple[Sequence[str], Sequence[str]]
    meta: Mapping[str, Sequence[str]]
    elements: Sequence[_Element]
    pieces: Sequence[str]
    scope: _Element | None
    site: str | None
    body: _Element | None = None
    language: str | None = None
    domain: str | None = None


def word_tokens(text: str) -> set[str]:
    """The casefolded words of ``text``."""
    return set(_TOKEN.findall(text.casefold()))


def element_text(el: _Element) -> str:
    """Visible text of an element, with a space wherever elements meet."""
    return clean_text(" ".join(_texts(el))) or ""


def _texts(el: _Element) -> Iterator[str]:
    """``itertext`` as typed for an HTML tree (str pieces only: a tree parsed from str)."""
    return cast("Iterator[str]", el.itertext())


# The word a visible byline starts with in languages whose "by" is not English's ("Par
# Marie Dupont", "Par <a>Marie Dupont</a>"), and the word that joins two names ("Par
# Marie Dupont et Jean Martin"), by page language. Only on pages in that language (Latvian
# sentences start with "Par") and only in visible bylines, where the name follows it
# (metadata may write "Di Maio Luigi"). Italian and Catalan write theirs lowercase
# ("di Mario Rossi"), and "Di", "Da", "Per" begin names.
_BYLINE_WORDS: dict[str, tuple[frozenset[str], str]] = {
    "fr": (frozenset(("par",)), "et"),
    "es": (frozenset(("por",)), "y"),
    "pt": (frozenset(("por",)), "e"),
    "ca": (frozenset(("per",)), "i"),
    "it": (frozenset(("di", "da")), "e"),
    "de": (frozenset(("von",)), "und"),
    "nl": (frozenset(("door",)), "en"),
    "sv": (frozenset(("av",)), "och"),
    "no": (frozenset(("av",)), "og"),
    "nb": (frozenset(("av",)), "og"),
    "nn": (frozenset(("av",)), "og"),
    "da": (frozenset(("af",)), "og"),
}
_LOWERCASE_BY = frozenset(("it", "ca"))


def _is_by_word(word: str, language: str | None) -> bool:
    words = _BYLINE_WORDS.get(language or "")
    if words is None or word.casefold() not in words[0]:
        return False
    return word.islower() or language not in _LOWERCASE_BY


def _without_by(text: str, language: str | None) -> str:
    """A byline's text without the page language's "by" before a name ("Par Marie
    Dupont, publié le …" gives "Marie Dupont, publié le …"; "Von der Leyen" stays), and
    with a comma for its "and" between two capitalised names."""
    parts = text.split(maxsplit=1)
    if len(parts) == 2 and _is_by_word(parts[0], language) and parts[1][:1].isupper():
        text = parts[1]
    words = _BYLINE_WORDS.get(language or "")
    if words is not None and f" {words[1]} " in text:
        text = re.sub(rf"(?<=\w) {words[1]} (?=[A-ZÀ-ÞĀ-Ž])", ", ", text)
    return text


def page_authors(evidence: AuthorEvidence) -> tuple[str, ...]:
    """Authors from JSON-LD, else meta tags (author, Highwire's citation_author, the
    parse.ly and Twitter-card ones), else the visible byline.

    A metadata author that is only the site's own name gives way to a person named in
    a later metadata source or in the byline ("Cleveland Clinic" in JSON-LD, "By Holly
    Wilgus" on the page).
    """
    persons, organisations = evidence.linked
    sources = (
        persons,
        _meta_values(evidence.meta, ("author", "article:author", "dc.creator")),
        _citation_authors(evidence.meta),
        _meta_values(evidence.meta, ("parsely-author", "sailthru.author", "byl")),
        _labelled_authors(evidence.meta),
    )
    site = _Site.of(evidence.site, evidence.domain)
    imprints = frozenset(
        " ".join(v.split()).casefold() for v in evidence.meta.get("copyright", ()) if "," in v
    )
    site_only: tuple[str, ...] = ()
    for source in sources:
        people: list[str] = []
        credits: list[str] = []
        for raw in source:
            raw = _without_imprint(raw, imprints)
            for name in _names(raw):
                (credits if site.credited(name) else people).append(name)
        found = _unique(people)
        if found and not all(site.within(name) for name in found):
            return found
        site_only = site_only or found or _unique(credits)
    if site_only:
        return _unique(_zone_authors(evidence)) or site_only
    scope, body, language = evidence.scope, evidence.body, evidence.language
    return (
        _unique(_zone_authors(evidence))
        or _unique(_page_authors(scope, language) if scope is not None else [])
        or _unique(
            _page_authors(body, language) if body is not None and _whole_page(body, scope) else []
        )
        or _unique([n for raw in organisations for n in _names(raw)])
    )


# Words that make a name a company's ("Süddeutsche.de GmbH"), never a person's.
_COMPANY_FORMS = frozenset("gmbh ag inc ltd llc plc corp co kg sia sa srl bv nv oy ab".split())
# Words an outlet's credit adds to its name ("heise online", "CNN Business", "BBC News",
# "CNN Editor-at-large"); a person's name has other words.
_OUTLET_WORDS = frozenset(
    """online news media digital business politics sport sports tech world editor editors
    at large staff desk newsroom wire service services group network radio tv magazine
    daily weekly international com net org""".split()
)
# Second-level names under a country's domain ("co" of bbc.co.uk): the site's own name
# is the label before them.
_SECOND_LEVEL = frozenset("co com org net ac gov edu ne or go".split())


@dataclass(frozen=True)
class _Site:
    """The site's own name as its words, and the domain's own name ("heise" of
    "heise.de", "bbc" of "news.bbc.co.uk"; none shorter than three letters, which
    could be a name's particle, as "la" of "la.lv"): what a credit to the site, not
    to a person, is made of."""

    words: frozenset[str]
    label: str

    @classmethod
    def of(cls, name: str | None, domain: str | None) -> _Site:
        labels = (domain or "").rstrip(".").split(".")
        under_country = len(labels) >= 3 and labels[-2] in _SECOND_LEVEL
        label = labels[-3] if under_country else labels[-2] if len(labels) >= 2 else ""
        return cls(frozenset(word_tokens(name or "")), label if len(label) >= 3 else "")

    def credited(self, name: str) -> bool:
        """Whether ``name`` is a credit to the site, not a person: made only of the
        site's name, the domain's own name and an outlet's words, with the domain's name,
        an outlet's word or a company form among them ("heise online" on heise.de, "CNN
        Business", "BBC News", "Süddeutsche.de GmbH"). "Tom Heise" on heise.de and "Jane
        Doe" on her own site "Jane Doe" are people."""
        words = word_tokens(name)
        own = words - _COMPANY_FORMS
        if not own or not own <= self.words | _OUTLET_WORDS | {self.label}:
            return False
        return bool(words & (_OUTLET_WORDS | _COMPANY_FORMS) or self.label in words)

    def within(self, name: str) -> bool:
        """Whether every word of ``name`` is one of the site's name ("Cleveland" on
        "Cleveland Clinic"): a person only when nothing else names one."""
        words = word_tokens(name)
        return bool(self.words) and words <= self.words


def _without_imprint(raw: str, imprints: frozenset[str]) -> str:
    """An author string that is also the page's copyright line is the site's imprint
    ("SPIEGEL ONLINE, Hamburg, Germany"): what follows its first comma is an address,
    not people, so only the name before it is read (and, as the site's own name, gives
    way to a person)."""
    if " ".join(raw.split()).casefold() in imprints:
        return raw.partition(",")[0]
    return raw


def _whole_page(body: _Element, scope: _Element | None) -> bool:
    """Whether a byline may be sought outside the article's part: only on a page that
    declares itself an article (asked only now: most pages never get this far)."""
    return body is not scope and declares_article(body.getroottree().getroot())


def _meta_values(meta: Mapping[str, Sequence[str]], keys: tuple[str, ...]) -> list[str]:
    """The cleaned, non-empty contents of the ``<meta>`` tags ``keys``, in that order."""
    return [v for key in keys for v in map(clean_text, meta.get(key, ())) if v]


# What may follow a name after a comma without being the given name of "Last, First".
_NAME_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|md|m\.d|phd|ph\.d|do|esq|mba|rn)\.?$", re.I)


def _citation_authors(meta: Mapping[str, Sequence[str]]) -> list[str]:
    """Scholarly pages' ``citation_author`` tags (Highwire Press, read by Google Scholar):
    one tag an author, written "Last, First" ("Kaufman, J.", "Lee, Mark, Jr.") as often
    as "First Last" ("Mark Lee, Jr.")."""
    names = []
    for value in _meta_values(meta, ("citation_author",)):
        parts = [part.strip() for part in value.split(",")]
        reversed_name = len(parts) > 1 and parts[1] and not _NAME_SUFFIX.match(parts[1])
        names.append(f"{parts[1]} {parts[0]}" if reversed_name else value)
    return names


# Labels of the label/data pairs that Yoast SEO (most WordPress sites) writes for
# Twitter's cards: twitter:label1 "Written by", twitter:data1 the author's name.
_AUTHOR_LABELS = frozenset(("written by", "author", "authors", "by"))


def _labelled_authors(meta: Mapping[str, Sequence[str]]) -> list[str]:
    """The ``twitter:dataN`` whose ``twitter:labelN`` says it names the author."""
    for i in range(1, 5):
        labels = meta.get(f"twitter:label{i}", ())
        if labels and " ".join(labels[0].split()).casefold() in _AUTHOR_LABELS:
            data = _meta_values(meta, (f"twitter:data{i}",))
            if data:
                return data
    return []


_LABEL = re.compile(
    r"^(?:(?:written|posted|published|story|words|text|reporting|article|recipe|created|"
    r"analysis|opinion|commentary)\s+)?"
    r"by\b\s*:?\s*|^(?:authors?|autors|autore|teksts|writer)\b\s*:?\s*"
    # Other languages' "Author:" only with its colon ("Autor und Regisseur …" is prose).
    r"|^(?:autor|autora|autorka|autorzy|autorius|autorė|auteur|auteurs|forfatter|författare|"
    r"автор)\s*:\s*",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URLISH = re.compile(r"https?:|www\.|/|\w\.\w+\.\w", re.I)
_TAIL = re.compile(
    r"\s+(?:[—–]|-\s|on\s+(?=\w+\s+\d)|updated\b|published\b|posted\b|last\s+updated)\s*.*$",
    re.I,
)
_SEGMENTS = re.compile(r"\s+[|•·]\s+|\s+[—–-]\s+(?=\S+\s+\d)")
_SPLIT_NAMES = re.compile(r"\s*(?:;|,|&|\band\b|\bun\b)\s*")
_CREDENTIAL = re.compile(
    r"^(?:[A-Z][A-Z.\-®]{1,9}\d*|Ph\.?\s?D\.?|M\.?D\.?|D\.?O\.?|Jr\.?|Sr\.?|Esq\.?|[IV]{2,3}"
    r"|(?:[A-Z]{2,}\s*)+)$"
)
_TRAILING_CREDENTIALS = re.compile(r"(?:\s+[A-Z]{2,5})+$")
_ROLES = frozenset(
    """staff writer writers reporter editor editors correspondent contributor contributing
    columnist journalist producer expert director ceo cto founder co-founder dietitian
    nutritionist senior associate managing chief president manager specialist head lead
    attorney lawyer consultant officer professor coordinator former deputy team at of""".split()
)
_NOT_NAMES = frozenset(
    """staff admin administrator editor editors editorial guest anonymous unknown user webmaster
    redakcija author authors share follow more contributor contributors reporter by wire
    facebook twitter linkedin instagram email print comments home updated published posted
    read more originally""".split()
)
_NAME_WORD = re.compile(r"^[\w'’.\-]+$")
_PARTICLES = frozenset("van von der de den da di du la le del della bin al el ter ten y".split())


def _names(raw: str, strict: bool = False) -> list[str]:
    """Names in one author string: "By Jane Doe and John Roe | Sep 4" gives two.

    The first part between bullets or bars that names anyone is read; a role after a
    name ("Jane Doe, Staff Writer") ends the list. ``strict`` (for visible text rather
    than metadata) asks every word of a name to be capitalised.
    """
    text = clean_text(_EMAIL.sub(" ", raw)) or ""
    for segment in _SEGMENTS.split(text):
        segment = _LABEL.sub("", segment.strip())
        segment = " ".join(re.sub(r"\([^)]*\)", " ", _TAIL.sub("", segment)).split())
        names = _segment_names(segment, strict)
        if names:
            return names
    return []


def _segment_names(text: str, strict: bool) -> list[str]:
    names: list[str] = []
    for part in _SPLIT_NAMES.split(text):
        part = part.strip(" .:-–—,'\"“”")
        if not part or _CREDENTIAL.match(part):
            continue
        words = part.split()
        if names and {w.casefold() for w in words} & _ROLES:
            break
        if names and len(words) < 2 and len(names[0].split()) > 1:
            break
        name = _valid_name(_TRAILING_CREDENTIALS.sub("", part) if len(words) > 2 else part)
        if name and strict and (not _capitalised(name) or _is_role(words)):
            continue  # visible text: "Former Deputy Tech Editor" is no name
        if name:
            names.append(name)
    return names


_ROLE_FIRST = frozenset(
    "former senior deputy contributing associate chief managing executive".split()
)
_ROLE_LAST = frozenset(
    """coordinator manager specialist director officer consultant strategist marketer editor
    writer reporter correspondent columnist producer contributor""".split()
)


def _is_role(words: list[str]) -> bool:
    """ "Former Deputy Tech Editor", "Content Marketing Coordinator": a job, not a name."""
    return words[0].casefold() in _ROLE_FIRST or words[-1].casefold() in _ROLE_LAST


def _capitalised(name: str) -> bool:
    return all(w[0].isupper() or w in _PARTICLES for w in name.split())


def _valid_name(part: str) -> str | None:
    if _URLISH.search(part) or any(c.isdigit() for c in part) or len(part) > 60:
        return None
    words = part.split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if part.casefold() in _NOT_NAMES or words[0].casefold() in ("staff", "by", "the"):
        return None
    if not part[0].isalpha():
        return None
    return part


# "authorization-link" (a shop's sign-in) is no author.
_AUTHOR_CUE = re.compile(r"author(?!i[sz])|byline|writer|creator", re.I)
_NOT_AUTHOR_CUE = re.compile(r"avatar|image|photo|img|comment|description|about", re.I)
_CONNECTOR = re.compile(r"(?:^|\s)(?:and|un|&|,|by|by:|:)$|^(?:and|un|&|,)(?:\s|$)", re.I)
_INITIALS = re.compile(r"^[A-Z]{1,3}$")


def _cued(el: _Element) -> bool:
    if "author" in (el.get("rel") or "").split() or "author" in (el.get("itemprop") or ""):
        return True
    if el.tag == "a" and "/author/" in (el.get("href") or ""):
        return True
    cues = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_AUTHOR_CUE.search(cues)) and not _NOT_AUTHOR_CUE.search(cues)


def _byline_text(el: _Element, language: str | None = None) -> str:
    """An element's text with " | " where its parts meet, unless they join names or a label.

    "<a>Jane Doe</a><span>Writer</span>" reads "Jane Doe | Writer", so the role is cut
    off with the tail, while "By <a>Jane Doe</a> and <a>John Roe</a>" keeps both names.
    """
    pieces = [p for p in (" ".join(t.split()) for t in _texts(el)) if p]
    while len(pieces) > 1 and _INITIALS.match(pieces[0]):  # an avatar's initials
        pieces.pop(0)
    text = ""
    for piece in pieces:
        if not text:
            text = piece
        elif (
            _CONNECTOR.search(text)
            or _CONNECTOR.search(piece)
            or _LABEL.fullmatch(text)
            or _is_by_word(text, language)
        ):
            text += " " + piece
        else:
            text += " | " + piece
    return text


def _element_names(el: _Element, language: str | None) -> list[str]:
    """The names a visible byline element holds, without its language's "by"."""
    named = cast("list[_Element]", el.xpath(".//*[@itemprop='name']"))
    texts = [element_text(n) for n in named] if named else [_byline_text(el, language)]
    names = [
        n for t in texts if 2 < len(t) <= 200 for n in _names(_without_by(t, language), strict=True)
    ]
    return [n for n in names if not _is_by_word(n, language)]


def _zone_authors(evidence: AuthorEvidence) -> list[str]:
    """The byline after the headline: an author-classed element, else a "By ..." line."""
    for el in evidence.elements:
        if _cued(el):
            found = _element_names(el, evidence.language)
            if found:
                return found
    pieces = evidence.pieces
    for i, piece in enumerate(pieces[:40]):
        m = _LABEL.match(piece)
        if m is None:
            continue
        line = piece if m.end() < len(piece) else " ".join(pieces[i : i + 2])
        found = byline_authors(line) or _names(line, strict=True)
        if found:
            return found
    return []


# Author- and byline-classed elements ("uthor"/"yline": one test for author, Author,
# byline, Byline), rel and itemprop authors, and links to an author's page ("Written by
# <a href="/blog/author/...">" in an unclassed line).
_BYLINE_XPATH = etree.XPath(
    ".//@class[contains(.,'uthor') or contains(.,'yline')]/.. | .//@rel[.='author']/.."
    " | .//@itemprop[.='author']/.. | .//a[contains(@href,'/author/')]"
)
_NOT_BYLINE = re.compile(r"comment|related|sidebar|widget|footer|recommend|share", re.I)


# Bylines read per search, counted after the furniture is passed over (a menu of author
# pages must not use them up), and the candidates looked at in all.
_BYLINES_READ = 30
_CANDIDATES_SEEN = 150


def _page_authors(root: _Element, language: str | None) -> list[str]:
    read = 0
    for el in cast("list[_Element]", _BYLINE_XPATH(root))[:_CANDIDATES_SEEN]:
        if el.tag in ("meta", "link", "img", "script", "style", "body") or not _cued(el):
            continue
        if any(
            a.tag in ("footer", "aside", "nav") or _NOT_BYLINE.search(a.get("class") or "")
            for a in el.iterancestors()
            if a.tag not in ("body", "html")  # WordPress's "has-sidebar comments-open"
        ):
            continue
        found = _element_names(el, language)
        if found:
            return found
        read += 1
        if read >= _BYLINES_READ:
            break
    return []


def _unique(names: list[str]) -> tuple[str, ...]:
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return tuple(unique.values())[:MAX_AUTHORS]
