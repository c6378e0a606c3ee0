"""Latvian sentences and tokens, cut the way the Latvian UD Treebank cuts them.

Hand-written because the conventions are the product's edge and no registry tokenizer
knows them: an ordinal keeps its dot (`2023.` `gada`, `28.` `septembrī`), a time or a
decimal is one token (`14.00`, `9,3`), abbreviations (`plkst.`, `u.c.`, `milj.`) and
initials (`J.`, `Dž.`) keep their dots and never end a sentence, and a paragraph break
always does. One compiled pattern scans the text once.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
# The leading \s* lets one match step over the blanks before a token: searching for the
# token itself would try all the alternatives at every blank, three times the cost.
_TOKEN = re.compile(
    rf"""
    \s*(?P<token>
    (?P<plain>[^\W\d_]++(?![\w.@+'’:-]))
  | (?P<mark>[,;:()"„“”«»])
  | (?P<url>(?:https?://|www\.)[^\s<>"“”„]+[^\s<>"“”„.,;:!?)\]])
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
    )""",
    re.VERBOSE,
)
_YEAR_WITH_DOT = re.compile(r"\d{4}\.")
_SENTENCE_END = frozenset({".", "!", "?", "...", "..", "…", "?!", "!?"})
_DASHES = frozenset({"-", "–", "—"})
_CLOSERS = frozenset({'"', "”", "“", "’", "»", ")", "]"})
_ABBR_PARTS = re.compile(r"[^\W\d_]+|\.")


#: A token's text, start and end offsets: the tokenizer's output before any record is built.
Span = tuple[str, int, int]
#: Last characters of the tokens that may end a sentence (closers, end marks, abbreviations
#: and years with their dot); other tokens never do.
_MAY_END = frozenset(".!?…" + "".join(_CLOSERS))


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with character offsets into it."""
    return [Token(t, start, end) for t, start, end in token_spans(text)]


def token_spans(text: str) -> list[Span]:
    """Tokens of `text` as (text, start, end): `tokenize` without building records, for
    callers that build their own (the analyser adds the tags in the same step)."""
    spans: list[Span] = []
    append = spans.append
    for match in _TOKEN.finditer(text):
        token_text = match.group(1)
        # (an abbreviation match always ends in its dot: most tokens are ruled out cheaply)
        if (
            token_text[-1] == "."
            and match.start("abbr") >= 0
            and token_text.lower() not in ABBREVIATIONS
        ):
            # A word before a full stop, not an abbreviation: split the dot off.
            start = match.start(1)
            cut = token_text.find(".")
            if cut > 0 and cut == len(token_text) - 1:
                append((token_text[:cut], start, start + cut))
                append((".", start + cut, start + cut + 1))
                continue
            for part in _ABBR_PARTS.finditer(token_text):
                append((part.group(), start + part.start(), start + part.end()))
            continue
        start, end = match.span(1)
        append((token_text, start, end))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; a blank line or line break always ends one."""
    return [
        Sentence(spans[0][1], spans[-1][2], tuple(Token(t, a, b) for t, a, b in spans))
        for spans in sentence_spans(text)
    ]


def sentence_spans(text: str) -> list[list[Span]]:
    """`split_sentences` as lists of token spans (see `token_spans`).

    Only the tokens that may end a sentence and the line breaks are looked at; the token
    list is then cut at those places.
    """
    spans = token_spans(text)
    if not spans:
        return []
    texts = [span[0] for span in spans]
    cuts = {
        index + 1
        for index, token in enumerate(texts)
        if token[-1] in _MAY_END and _ends_sentence(texts, index)
    }
    if "\n" in text:
        # a line break between two tokens cuts before the one after it (tokens hold none)
        starts = [span[1] for span in spans]
        newline = text.find("\n", spans[0][2])
        while newline >= 0:
            after = bisect_right(starts, newline)
            if after >= len(spans):
                break
            cuts.add(after)
            newline = text.find("\n", spans[after][2])
    out: list[list[Span]] = []
    begin = 0
    for cut in sorted(cuts):
        out.append(spans[begin:cut])
        begin = cut
    if begin < len(spans):
        out.append(spans[begin:])
    return out


def _ends_sentence(tokens: list[str], index: int) -> bool:
    token = tokens[index]
    if index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if following in _CLOSERS or following in _SENTENCE_END:
        return False  # the closing quote or bracket belongs to this sentence
    if token in _CLOSERS:
        previous = tokens[index - 1] if index else ""
        return previous in _SENTENCE_END and _starts_sentence(following)
    if token in _SENTENCE_END:
        if following in _DASHES and index + 2 < len(tokens):
            return not tokens[index + 2][:1].islower()  # `? - viņa jautāja` goes on
        return _starts_sentence(following)
    if token.lower() in SENTENCE_FINAL_ABBREVIATIONS or _YEAR_WITH_DOT.fullmatch(token):
        return following[:1].isupper()
    return False


def _starts_sentence(token: str) -> bool:
    first = token[:1]
    return first.isupper() or first.isdigit() or first in '„“"«–—-('
