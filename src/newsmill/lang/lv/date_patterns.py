"""Latvian date and time expressions as precompiled regular expressions.

Hand-written rules, on purpose: Latvian date grammar is small and closed (month stems with
their case endings, `2023.gada`, weekday adverbs, inflected number words), no training data
gives calendar values, and the rules are the product's own edge over dictionary-based
parsers that only know nominative forms. Each pattern runs once over the whole text, so the
cost is a few C-level scans per document, not Python work per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MONTH_STEMS: dict[str, int] = {
    "janvār": 1,
    "februār": 2,
    "mart": 3,
    "aprīl": 4,
    "maij": 5,
    "jūnij": 6,
    "jūlij": 7,
    "august": 8,
    "septembr": 9,
    "oktobr": 10,
    "novembr": 11,
    "decembr": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1,
    "febr": 2,
    "feb": 2,
    "apr": 4,
    "jūn": 6,
    "jūl": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAY_STEMS: dict[str, int] = {
    "pirm": 0,
    "otr": 1,
    "treš": 2,
    "ceturt": 3,
    "piekt": 4,
    "sest": 5,
    "svēt": 6,
}
# Cardinal number words in every case a `pirms`/`pēc` phrase puts them in (dative mostly).
NUMBER_WORDS: dict[str, int] = {}
for _stem, _value in {
    "div": 2,
    "četr": 4,
    "piec": 5,
    "seš": 6,
    "septiņ": 7,
    "astoņ": 8,
    "deviņ": 9,
}.items():
    for _ending in ("ām", "iem", "as", "us", "i", "u"):
        NUMBER_WORDS[_stem + _ending] = _value
NUMBER_WORDS.update(
    {
        "vienu": 1,
        "vienas": 1,
        "viena": 1,
        "trim": 3,
        "trijām": 3,
        "trijiem": 3,
        "trīs": 3,
        "desmit": 10,
        "vienpadsmit": 11,
        "divpadsmit": 12,
        "trīspadsmit": 13,
        "četrpadsmit": 14,
        "piecpadsmit": 15,
        "sešpadsmit": 16,
        "septiņpadsmit": 17,
        "astoņpadsmit": 18,
        "deviņpadsmit": 19,
        "divdesmit": 20,
        "trīsdesmit": 30,
        "četrdesmit": 40,
        "piecdesmit": 50,
        "sešdesmit": 60,
        "septiņdesmit": 70,
        "astoņdesmit": 80,
        "deviņdesmit": 90,
        "simt": 100,
        "simts": 100,
    }
)
DECADE_WORDS: dict[str, int] = {
    "divdesmit": 20,
    "trīsdesmit": 30,
    "četrdesmit": 40,
    "piecdesmit": 50,
    "sešdesmit": 60,
    "septiņdesmit": 70,
    "astoņdesmit": 80,
    "deviņdesmit": 90,
}
# Relative year words before a month or day: offset from the reference year.
YEAR_WORDS: dict[str, int] = {
    "šā": 0,
    "šī": 0,
    "š.": 0,
    "tekošā": 0,
    "pagājušā": -1,
    "pērnā": -1,
    "aizvadītā": -1,
    "iepriekšējā": -1,
    "nākamā": 1,
    "nākošā": 1,
}
YEAR_ADVERBS: dict[str, int] = {"šogad": 0, "pērn": -1, "aizpērn": -2, "nākamgad": 1}
SEASONS: dict[str, tuple[int, int]] = {
    "pavasar": (3, 5),
    "vasar": (6, 8),
    "rudenī": (9, 11),
    "rudens": (9, 11),
}
QUARTER_WORDS: dict[str, int] = {"pirm": 1, "otr": 2, "treš": 3, "ceturt": 4}


def _alt(words: Iterable[str]) -> str:
    """An alternation of literal words, factored into a prefix tree so the engine reads each
    letter once instead of trying every word in turn.

    Words that match at one place are prefixes of one another, and at every branch of the
    tree the longer continuations come before the word ending there, so the longest word is
    still tried first (and a shorter one only when what follows it fails), as in a flat
    alternation sorted longest first.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _alt_tree(tree)


def _alt_tree(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _alt_tree(child) for char, child in node.items() if char]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# Every pattern runs on the lower-cased text and begins with a digit or a literal word, so
# the regex engine skips ahead in C to the few places a date can start; what comes before
# that word (`2023.gada`, `28.`, `pagājušajā`) is read afterwards from a short window.
_E = r"(?!\w)"
_PART = r"(?:sākumā|sākums|sākumu|vidū|vidum|beigās|beigām|nogalē|pirmajā pusē|otrajā pusē)"

# `septembrī`, `sept.`, `septembra beigās`; day and year are looked for before it.
MONTH = re.compile(
    rf"(?P<core>{_alt([*MONTH_STEMS, *MONTH_ABBREVIATIONS])})(?P<mend>is|im|am|a|ī|i|s|ā|u|\.)"
    rf"(?:(?<=\.)|{_E})(?:\s(?P<part>{_PART}))?"
)
DAY_BEFORE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?$")
_YEARPART = (
    rf"(?:(?<![\d.])(?P<y>[12]\d{{3}})\.\s?(?:gada|g\.)"
    rf"|(?<!\w)(?P<yw>{_alt(YEAR_WORDS)})\s?(?:gada|g\.)"
    rf"|(?<!\w)(?P<yadv>{_alt(YEAR_ADVERBS)}))"
)
YEAR_BEFORE = re.compile(rf"{_YEARPART}\s?$")
# `28.09.2023.` and ISO `2023-09-28`.
NUMERIC = re.compile(r"\d\d?\d?\d?(?:\.\d\d?\.\d{4}\.?|-\d\d-\d\d)(?!\d|\.\d)")
# `2019.gadā`, `2019.gada` (of `kopš 2019.gada`), `1990. gadu sākumā`, `90. gados`,
# `2012.gada ceturtajā ceturksnī`, `1944. gada vasarā`.
YEAR = re.compile(
    rf"\d\d\d?\d?\.\s?(?:(?P<gpl>gados|gadi|gadu)|(?P<gsg>gadā|gadam|gada|gads|g\.))"
    rf"(?:\s(?:(?P<part>{_PART})|(?P<q>pirm|otr|treš|ceturt)ajā\s(?P<qu>ceturksnī|pusgadā)"
    rf"|(?P<season>pavasarī|vasarā|rudenī)))?"
)
YEAR_WORD = re.compile(
    rf"(?P<yw>{_alt(YEAR_WORDS)})\s?(?:gada|g\.)(?!\s?\d)"
    rf"(?:\s(?:(?P<part>{_PART})|(?P<season>pavasarī|vasarā|rudenī)))?{_E}"
)
# `deviņdesmitajos gados`, `pagājušā gadsimta deviņdesmito gadu sākumā`.
DECADE_WORD = re.compile(
    rf"(?P<dw>{_alt(DECADE_WORDS)})(?:ajos|ie|o)\sgad(?:os|i|u)(?:\s(?P<part>{_PART}))?{_E}"
)
CENTURY_BEFORE = re.compile(r"(?<!\w)pagājušā\sgadsimta\s$")
# `ceturtdien`, `pirmdienas rītā`; `pagājušajā`, `katru` are looked for before it.
WEEKDAY = re.compile(
    rf"(?P<wd>{_alt(WEEKDAY_STEMS)})dien(?P<end>ai|as|ā|u|a)?{_E}"
    r"(?:\s(?P<tod>rītā|vakarā|pēcpusdienā|pusdienlaikā|naktī|priekšpusdienā))?"
)
WEEKDAY_BEFORE = re.compile(
    r"(?:(?<!\w)(?P<pre>katru|katrā|ik)\s)?"
    r"(?:(?<!\w)(?P<mod>pagājušajā|pagājušo|pagājušās|pagājušā|aizvadītajā|aizvadīto|aizvadītās"
    r"|nākamajā|nākamo|nākamās|nākošajā|nākošo|šajā|šo|šīs)\s)?$"
)
# `vakar`, `šodien`, `šogad`, `pagājušajā nedēļā`, `šīs nedēļas nogalē`, `nākamajā mēnesī`.
RELATIVE_WORDS = (
    "šodien",
    "aizvakar",
    "vakar",
    "parīt",
    "rīt",
    "šorīt",
    "šovakar",
    "šonakt",
    "šogad",
    "aizpērn",
    "pērn",
    "nākamgad",
    "šonedēļ",
    "pagājušonedēļ",
    "nākamnedēļ",
    "šomēnes",
    "šovasar",
    "šoruden",
    "šopavasar",
)
RELATIVE_MODIFIERS = (
    "pagājušajā",
    "pagājušo",
    "pagājušā",
    "pagājušās",
    "aizvadītajā",
    "aizvadīto",
    "aizvadītās",
    "iepriekšējā",
    "nākamajā",
    "nākamo",
    "nākamās",
    "nākošajā",
    "nākošo",
    "šajā",
    "šīs",
    "šis",
    "šo",
    "šī",
    "šā",
)
RELATIVE = re.compile(
    rf"(?P<head>{_alt([*RELATIVE_WORDS, *RELATIVE_MODIFIERS])}){_E}"
    rf"(?:\s(?P<unit>nedēļā|nedēļu|nedēļas|mēnesī|mēnesi|mēneša|gadā|gadu|gads){_E})?"
    rf"(?:\s(?P<part>nogalē|sākumā|vidū|beigās){_E})?"
)
_NUMBER = rf"(?:\d{{1,3}}|{_alt(NUMBER_WORDS)})"
# `pirms divām nedēļām`, `pirms trim gadiem`, `pirms gada`, `pēc diviem mēnešiem`.
OFFSET = re.compile(
    rf"(?P<dir>pirms|pēc)\s(?:(?:aptuveni|apmēram)\s)?(?:(?P<n>{_NUMBER})\s)?"
    r"(?P<unit>dienām|dienas|nedēļām|nedēļas|mēnešiem|mēneša|gadiem|gada)"
    r"(?!\s(?:beigām|beigas|sākuma|sākumam|vidus|laikā|nogales))"
    rf"{_E}"
)
# `plkst. 14.00`, `pulksten 11.00`, `plkst.16`; `12:35`.
TIME = re.compile(r"(?:plkst\.|pulksten)\s?(?P<h>[0-2]?\d)(?:[.:](?P<mi>[0-5]\d))?(?![\d:]|\.\d)")
COLON_TIME = re.compile(r"(?P<h>\d\d?):(?P<mi>[0-5]\d)(?![\d:]|\.\d)")
# `6.jūlijā 20.00`: a bare dotted clock time, taken only right after a date.
BARE_TIME = re.compile(r"(?P<h>\d\d?)\.(?P<mi>[0-5]\d)(?![\d:]|\.\d)")
HABIT_BEFORE = re.compile(r"(?<!\w)(?:katru|katrā|ik)\s\w+dien\w*,?\s?$")
# `no 9.00 līdz 12.30`, `no plkst.11 līdz 15`: both ends are clock times.
TIME_RANGE = re.compile(
    r"no\s(?P<l1>plkst\.\s?|pulksten\s)?(?P<h1>[0-2]?\d)(?:[.:](?P<m1>[0-5]\d))?"
    r"\s(?:līdz|-|–)\s(?P<l2>plkst\.\s?|pulksten\s)?(?P<h2>[0-2]?\d)(?:[.:](?P<m2>[0-5]\d))?"
    r"(?![\d:]|\.\d)"
)
# What may stand between two parts of one expression, and range glue around them.
JOIN = re.compile(r"[\s,]{1,3}")
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ]")
RANGE_LINK = re.compile(r"\s?(?:līdz|-|–)\s?")
RANGE_START = re.compile(
    rf"(?:(?<!\w)(?P<no>no)\s)?(?:{_YEARPART}\s?)?"
    r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<link>-|–|līdz\s)\s?$"
)
FROM_NEAR = re.compile(r"(?<!\w)no\s")
FROM_WORD = re.compile(r"(?:(?<!\w)(?:laikā\s)?no\s)$")


def glued(low: str, start: int) -> bool:
    """Whether a match starting at `start` continues a word or number (`x2019`, `1.2019`)."""
    if start == 0:
        return False
    before = low[start - 1]
    return before.isalnum() or before in "._"


def month_number(stem: str | None, abbreviation: str | None) -> int:
    """The month of a matched stem or abbreviation."""
    if stem:
        return MONTH_STEMS[stem.lower()]
    return MONTH_ABBREVIATIONS[(abbreviation or "").lower()]


def number_value(word: str | None) -> int:
    """A digit string or an inflected Latvian number word as an int (absent means one)."""
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS[word.lower()]
