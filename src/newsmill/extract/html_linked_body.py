"""A page's article from its JSON-LD ``articleBody``, where its HTML shows too little.

A script-built page fetches its body after load: the HTML holds a summary, the captions
and an author's bio, and only the copy for search engines holds the article. Elsewhere
the copy is no rule, since it is often cut short (it is a feature of the block model
instead). The copy is text, its lines the paragraphs, or HTML a CMS wrote into it,
escaped or not; lxml reads the HTML, and what is written here by hand is only which
copy counts and how its text is cut into paragraphs.
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


def linked_paragraphs(bodies: tuple[str, ...], kept_words: int) -> tuple[str, ...]:
    """The paragraphs of the page's one JSON-LD body, when it has 50+ words and over
    twice the ``kept_words`` of the HTML; else none. A page with several bodies (a list
    of other stories, a live blog's updates) gives none: which is its own is a guess."""
    distinct = {" ".join(b.split()): b for b in bodies if b.strip()}
    if len(distinct) != 1:
        return ()
    paragraphs = body_paragraphs(next(iter(distinct.values())))
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
