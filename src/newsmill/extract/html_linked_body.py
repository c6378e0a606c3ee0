"""A page's article from its JSON-LD ``articleBody``, where its HTML shows too little.

A script-built page fetches its body after load: the HTML holds a summary, the captions
and an author's bio, and only the copy for search engines holds the article. Elsewhere
the copy is a feature of the block model, and it ends the article only where it is as
long as the text kept (``drop_after_linked_body``): a copy is often cut short. The copy
is text, its lines the paragraphs, or HTML a CMS wrote into it, escaped or not; lxml
reads the HTML, and what is written here by hand is only which copy counts, how its text
is cut into paragraphs and where it ends.
"""

from __future__ import annotations

import html
import re

import lxml.etree
import lxml.html

from newsmill.extract.lines import without_invisible_marks

# A copy this long (in words), over twice the text the HTML keeps, is the article.
LINKED_BODY_MIN_WORDS = 50
LINKED_BODY_NOTE = "article text from the page's JSON-LD articleBody: the HTML does not show it"
_BODY_BREAKS = (
    *"p br div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote pre table tr td th".split(),
    *"section article header footer aside figure figcaption".split(),
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What shows a copy is HTML: a closing tag or a line break ("a<b and b>c" in prose is none).
_BODY_TAG = re.compile(rf"</(?:{'|'.join(_BODY_BREAKS)}|span|a|b|i|em|strong)\s*>|<br\s*/?>", re.I)


def single_body_paragraphs(bodies: tuple[str, ...]) -> list[str]:
    """The paragraphs of the page's one JSON-LD body; none for a page with several (a
    list of other stories, a live blog's updates: which is its own is a guess)."""
    distinct = {" ".join(b.split()): b for b in bodies if b.strip()}
    if len(distinct) != 1:
        return []
    return body_paragraphs(next(iter(distinct.values())))


def linked_paragraphs(paragraphs: list[str], kept_words: int) -> tuple[str, ...]:
    """The copy's ``paragraphs`` (``single_body_paragraphs``), when it has 50+ words and
    over twice the ``kept_words`` of the HTML; else none."""
    words = sum(len(p.split()) for p in paragraphs)
    if words < LINKED_BODY_MIN_WORDS or words <= 2 * kept_words:
        return ()
    return tuple(paragraphs)


def body_paragraphs(body: str) -> list[str]:
    """An ``articleBody`` string's paragraphs: its lines, or its block elements where a
    CMS wrote HTML into it (escaped or not; "a<b" in prose is no tag)."""
    body = _CONTROL_CHARS.sub(" ", html.unescape(body))  # lxml takes none
    if _BODY_TAG.search(body):
        try:
            fragment = lxml.html.fragment_fromstring(body, create_parent="div")
        except (lxml.etree.ParserError, ValueError):
            pass
        else:
            for element in list(fragment.iter("script", "style", "noscript", "template")):
                element.drop_tree()
            for element in fragment.iter(*_BODY_BREAKS):
                element.text = "\n" + (element.text or "")
                element.tail = "\n" + (element.tail or "")
            body = fragment.text_content()
    lines = (without_invisible_marks(" ".join(line.split())) for line in body.split("\n"))
    return [line for line in lines if line]


_WORD = re.compile(r"\w+")
# The copy's end is found by the last words (up to 8) of its last paragraph of 5 or more.
LINKED_END_WORDS = 8
# A copy at least this share of the kept text's length is the whole article, not a cut.
LINKED_WHOLE_SHARE = 0.9
# A kept paragraph after the copy's end stays when this share of its 4-grams is in it.
LINKED_HELD_SHARE = 0.5


def drop_after_linked_body(
    paragraphs: list[str], texts: list[str], kinds: list[str], paragraph: str
) -> None:
    """Where the page's one JSON-LD body (its ``paragraphs``) is about as long as the text
    kept and its last words stand in a kept paragraph, the kept paragraphs after that one
    that the copy does not hold are not article: an author's bio, a donation call, a
    promotion that reads like prose. A shorter copy is often cut before the last section
    or the FAQ, so it says nothing of what follows its end. (Chosen by the 3-fold CV on
    wcxb-dev: three article pages up, none down; no other page meets it.)"""
    body_words = [w for p in paragraphs for w in _WORD.findall(p.casefold())]
    kept = [i for i, k in enumerate(kinds) if k == paragraph]
    kept_words = sum(len(_WORD.findall(texts[i])) for i in kept)
    if len(body_words) < max(LINKED_BODY_MIN_WORDS, LINKED_WHOLE_SHARE * kept_words):
        return
    last = next(
        (words for p in reversed(paragraphs) if len(words := _WORD.findall(p.casefold())) >= 5),
        None,
    )
    if last is None:
        return
    # Padded, so the words match whole ("… the end" is not in "… the endless").
    end = _spaced(last[-LINKED_END_WORDS:])
    words_of = {i: _WORD.findall(texts[i].casefold()) for i in kept}  # read once each
    ends = [i for i in kept if end in _spaced(words_of[i])]
    if not ends:
        return
    grams = {tuple(body_words[j : j + 4]) for j in range(len(body_words) - 3)}
    copy = _spaced(body_words)
    for i in kept:
        if i <= ends[-1]:
            continue
        words = words_of[i]
        if len(words) < 4:  # a subheading the copy holds too
            if _spaced(words) not in copy:
                kinds[i] = ""
            continue
        mine = [tuple(words[j : j + 4]) for j in range(len(words) - 3)]
        if sum(gram in grams for gram in mine) < LINKED_HELD_SHARE * len(mine):
            kinds[i] = ""


def _spaced(words: list[str]) -> str:
    """Words joined and padded with spaces, so a search in such a string finds whole words."""
    return f" {' '.join(words)} "
