"""Latvian sentences and tokens, cut the way the Latvian UD Treebank cuts them.

Hand-written because the conventions are the product's edge and no registry tokenizer
knows them: an ordinal keeps its dot (`2023.` `gada`, `28.` `septembrī`), a time or a
decimal is one token (`14.00`, `9,3`), abbreviations (`plkst.`, `u.c.`, `milj.`) and
initials (`J.`, `Dž.`) keep their dots and never end a sentence, and a paragraph break
always does. One compiled pattern scans the text once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsmill.lang.tokens import Sentence, Token

# Lower-case abbreviations written with a dot (the treebank's and the press's usual ones).
ABBREVIATIONS = frozenset(
    """
    plkst. u.c. utt. t.i. t.sk. t.s. u.tml. tml. g. gs. g.g. lpp. lp. sk. att. piem. nr. min.
    milj. mljrd. tūkst. apm. resp. prof. doc. dr. asoc. sv. v. m.g. š.g. p.m.ē. m.ē. st. ik.
    janv. febr. apr. aug. sept. okt. nov. dec. jūn. jūl. tālr. tel. mob. lat. ang. krie. vāc.
    u.t.t. e.pasts a/s sia iel. pag. nov. pils. ml. kv. ha. eur. ls. kg. cm. mm.
    """.split()
)
# Abbreviations that may close a sentence: after them an upper-case word starts a new one.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"u.c.", "utt.", "u.tml.", "tml.", "u.t.t.", "g.", "gs."})

_UPPER = "A-ZĀČĒĢĪĶĻŅŠŪŽ"
_TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"“”„]+[^\s<>"“”„.,;:!?)\]])
  | (?P<domain>[\w-]+\.(?:lv|com|ru|eu|org|net|de|uk|ee|lt)\b(?!\.\w))
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<date>\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}\.?)
  | (?P<thousands>\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?![\d.,]))
  | (?P<number>\d+(?:[.,:]\d+)+|\d+(?:\.(?=[^\W\d_]|\s+[^\W\d_]))?)
  | (?P<initial>(?:Dž|[{_UPPER}])\.(?=\s*[{_UPPER}]))
  | (?P<abbr>[^\W\d_]{{1,6}}\.(?:[^\W\d_]{{1,4}}\.)*(?!\.))
  | (?P<word>[^\W_]+(?:[-'’][^\W_]+)*)
  | (?P<dots>\.{{2,}}|…|\?!|!\?)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
_YEAR_WITH_DOT = re.compile(r"\d{4}\.")
_SENTENCE_END = frozenset({".", "!", "?", "...", "..", "…", "?!", "!?"})
_DASHES = frozenset({"-", "–", "—"})
_CLOSERS = frozenset({'"', "”", "“", "’", "»", ")", "]"})


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with character offsets into it."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        token_text = match.group()
        start = match.start()
        if kind == "abbr" and token_text.lower() not in ABBREVIATIONS:
            # A word before a full stop, not an abbreviation: split the dot off.
            cut = token_text.find(".")
            if cut > 0 and cut == len(token_text) - 1:
                append(Token(token_text[:cut], start, start + cut))
                append(Token(".", start + cut, start + cut + 1))
                continue
            for part in re.finditer(r"[^\W\d_]+|\.", token_text):
                append(Token(part.group(), start + part.start(), start + part.end()))
            continue
        append(Token(token_text, start, match.end()))
    return tokens


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; a blank line or line break always ends one."""
    return list(_sentences(text, tokenize(text)))


def _sentences(text: str, tokens: list[Token]) -> Iterator[Sentence]:
    current: list[Token] = []
    for index, token in enumerate(tokens):
        if current and "\n" in text[current[-1].end : token.start]:
            yield _sentence(current)
            current = []
        current.append(token)
        if _ends_sentence(tokens, index):
            yield _sentence(current)
            current = []
    if current:
        yield _sentence(current)


def _ends_sentence(tokens: list[Token], index: int) -> bool:
    token = tokens[index].text
    if index + 1 >= len(tokens):
        return False
    following = tokens[index + 1].text
    if following in _CLOSERS or following in _SENTENCE_END:
        return False  # the closing quote or bracket belongs to this sentence
    if token in _CLOSERS:
        previous = tokens[index - 1].text if index else ""
        return previous in _SENTENCE_END and _starts_sentence(following)
    if token in _SENTENCE_END:
        if following in _DASHES and index + 2 < len(tokens):
            return not tokens[index + 2].text[:1].islower()  # `? - viņa jautāja` goes on
        return _starts_sentence(following)
    if token.lower() in SENTENCE_FINAL_ABBREVIATIONS or _YEAR_WITH_DOT.fullmatch(token):
        return following[:1].isupper()
    return False


def _starts_sentence(token: str) -> bool:
    first = token[:1]
    return first.isupper() or first.isdigit() or first in '„“"«–—-('


def _sentence(tokens: list[Token]) -> Sentence:
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens))
