"""HTML pages to clean Articles.

The page is cut into text blocks with their DOM context (``html_blocks``); shipped
oblivious trees judge each block (article or not) from its shape, its context, the
page's structure around it and whether Resiliparse's main-content extractor keeps it
(``html_features``); on a page that does not declare itself one article, the page's
beliefs together set its keep threshold (``keep_threshold``). The page's metadata comes
from JSON-LD, Open Graph, meta tags, ``<time>`` and bylines (``html_metadata``). Rules
after the model drop what the wording gives away: a "Related:" label and a link cut into
the body, a site's notices (``page_notices``), the placeholders of a template no script
filled in. A script-built page that shows little of the article its JSON-LD
``articleBody`` holds takes the article from there (``html_linked_body``); a declared
article ends at the element that holds its sure text (``article_container``). Every dropped
block is kept in ``boilerplate`` with a kind read from its landmarks and class words or
named by the rule that dropped it (later copies of a kept block as ``duplicate``), so
``--explain`` shows why it went.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import lxml.etree

from newsmill.errors import MalformedRecord
from newsmill.extract.article_container import drop_after_container
from newsmill.extract.html_blocks import CUE_NAMES, LANDMARKS, HtmlBlock
from newsmill.extract.html_features import (
    marked_bodies,
    measure_page,
    parse_html,
    rows_declare_article,
)
from newsmill.extract.html_linked_body import (
    LINKED_BODY_NOTE,
    drop_after_linked_body,
    linked_paragraphs,
    single_body_paragraphs,
)
from newsmill.extract.html_metadata import PageMetadata, read_page_metadata
from newsmill.extract.keep_threshold import page_threshold
from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.lines import without_invisible_marks
from newsmill.extract.oblivious_trees import ObliviousTrees, load_model
from newsmill.extract.page_furniture import credit_of, credited_caption, mostly_placeholders
from newsmill.extract.page_notices import notice_kind
from newsmill.extract.regions import drop_far_doubtful
from newsmill.gc_pause import gc_paused
from newsmill.record import Article, Boilerplate, Image, Source, article_id, as_boilerplate_kind

MODEL_FILE = "html-blocks.json"
PARAGRAPH = "paragraph"
# A list item that is nothing but a link is a teaser unless the model is this sure.
LINK_ITEM_MIN_PROBABILITY = 0.95
TITLE = "title"
# When no block passes, prose blocks (this many words, mostly unlinked) this close to
# the likeliest one are kept, if that one is at least this likely.
FALLBACK_MIN_WORDS = 12
FALLBACK_MIN_PROBABILITY = 0.2
FALLBACK_MARGIN = 0.1
# A marked article body holding this share of the kept text ends the article: later
# blocks stay only when the model is this sure.
MARKED_BODY_SHARE = 0.25
AFTER_BODY_MIN_PROBABILITY = 0.97
# A page keeping this much text outside comment-classed blocks has its article there:
# its comment-classed list items (a comment thread) are not article.
COMMENT_ITEMS_BODY_CHARS = 500
# Copies of a block this long (in words) or longer are dropped after the first.
MIN_DUPLICATE_WORDS = 3
# A paragraph this long (in words) is never repeated on purpose: a later copy is a
# template's second rendering of the body (a hidden or print copy), not more article.
MIN_COPIED_PROSE_WORDS = 80
# A standfirst has this many words, and its first characters (up to this many) are the
# page's description's (descriptions are often cut short with "…").
STANDFIRST_MIN_WORDS = 8
STANDFIRST_MATCH_CHARS = 80
# Blocks that are no standfirst even when they start as the description does.
_NOT_STANDFIRST = frozenset(("caption", "credit", "duplicate", "teaser"))
_STRAIGHT_QUOTES = str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\"")
_FIRST_COPY_KINDS = frozenset((PARAGRAPH, TITLE, "caption", "credit"))
# A block that is one image, video or audio file's address: a template printing a
# picture's URL where the picture should be (lazy loaders, broken embeds), never prose.
_MEDIA_ADDRESS = re.compile(
    r"\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|mp4|webm|mov|m4v|mp3|m4a|wav|ogg)"
    r"(?:[?#]\S*)?",
    re.IGNORECASE,
)
# A label that sends the reader to another story ("Related: …", "Lasi arī: …"), and
# the share of the rest that must be a link for the paragraph to be a teaser.
_TEASER_LABEL = re.compile(
    r"\s*(?:related|also read|read also|see also|lasi arī|lasiet arī|lasi vēl|"
    r"читайте также|по теме|lesen sie auch|mehr zum thema|siehe auch|auch interessant|"
    r"[àa] lire aussi|lire aussi|voir aussi|lee también|lea también|ver también|"
    r"te puede interesar|skaitykite taip pat|taip pat skaitykite|loe ka|loe lisaks|vaata ka|"
    r"leia também|leia mais|veja também|leggi anche|czytaj (?:także|też|również|więcej)|"
    r"przeczytaj (?:także|też|również)|zobacz (?:także|też|również))"
    r"\s*[:|»›–—]\s*",
    re.IGNORECASE,
)
TEASER_MIN_LINK_SHARE = 0.5
_QUOTES = frozenset(("blockquote", "q"))
_CODE_TAGS = ("pre", "code", "kbd", "samp", "tt")

_CUE = {name: 1 << i for i, name in enumerate(CUE_NAMES)}
_LANDMARK = {name: 1 << i for i, name in enumerate(LANDMARKS)}


@dataclass(frozen=True)
class BlockDecision:
    block: HtmlBlock
    disposition: str
    probability: float


@dataclass(frozen=True)
class HtmlExtraction:
    article: Article
    decisions: tuple[BlockDecision, ...]


class HtmlExtractor:
    def __init__(self, lexicon: BoilerplateLexicon | None = None) -> None:
        data = load_model(MODEL_FILE)
        self.trees = ObliviousTrees.from_dict(data["trees"])
        self.threshold = float(data.get("threshold", 0.5))
        self.lexicon = lexicon or load_lexicon()

    def extract(self, html: str, source: Source, url: str | None = None) -> Article:
        with gc_paused():
            return self._extract(html, source, url)[0]

    def extract_with_decisions(
        self, html: str, source: Source, url: str | None = None
    ) -> HtmlExtraction:
        """The article and, for ``--explain``, where every block went."""
        with gc_paused():
            article, blocks, kinds, probs = self._extract(html, source, url)
        decisions = tuple(
            BlockDecision(b, k, p) for b, k, p in zip(blocks, kinds, probs, strict=True)
        )
        return HtmlExtraction(article, decisions)

    def _extract(
        self, html: str, source: Source, url: str | None
    ) -> tuple[Article, list[HtmlBlock], list[str], list[float]]:
        try:
            root = parse_html(html)
        except (ValueError, lxml.etree.ParserError) as error:
            raise MalformedRecord(source.uri, f"HTML could not be parsed ({error})") from None
        meta = read_page_metadata(root, url)
        marked = marked_bodies(root, html)
        blocks, _, lexicon_kinds, features = measure_page(
            root, html, self.lexicon, marked, meta.linked_bodies
        )
        probs = self.trees.probability(features).tolist() if blocks else []
        declared = rows_declare_article(features)
        threshold = page_threshold(probs, [b.text for b in blocks], declared, self.threshold)
        kinds = [PARAGRAPH if p >= threshold else "" for p in probs]
        drop_far_doubtful([len(b.text) for b in blocks], kinds, probs, PARAGRAPH, threshold)
        if declared:
            drop_after_container(blocks, kinds, probs, PARAGRAPH)
        if PARAGRAPH not in kinds:
            _keep_best_prose(blocks, kinds, probs)
        if marked:
            _drop_after_marked_body(marked, blocks, kinds, probs)
        # The blocks keep the marks the model was trained with; the record is left
        # without them (a soft hyphen cuts "Wäh&shy;rend" in two for every reader).
        shown = [without_invisible_marks(b.text) for b in blocks]
        copy = single_body_paragraphs(meta.linked_bodies)  # read once, for both rules
        if declared and copy:
            drop_after_linked_body(copy, shown, kinds, PARAGRAPH)
        _drop_comment_items(blocks, kinds)
        _drop_media_addresses(blocks, kinds)
        _drop_unrendered_templates(blocks, kinds)
        _drop_figure_captions(blocks, kinds)
        named = _drop_by_wording(blocks, kinds, declared)
        headline = meta.headline_element
        for i, block in enumerate(blocks):
            if headline is not None and block.element is headline:
                kinds[i] = TITLE
            elif lexicon_kinds[i] in ("ad", "widget", "navigation", "footer") and (
                kinds[i] != PARAGRAPH or self.lexicon.is_whole_phrase(block.text)
            ):
                kinds[i] = lexicon_kinds[i] or "other"
            elif kinds[i] != PARAGRAPH or (
                _is_link_list_item(block) and probs[i] < LINK_ITEM_MIN_PROBABILITY
            ):
                kinds[i] = _kind_of_dropped(block)
        for i, kind in named.items():
            if kinds[i] != TITLE:
                kinds[i] = kind
        _mark_duplicates(blocks, kinds)
        images = _images(blocks, kinds)
        linked = _text_from_linked_body(copy, blocks, shown, kinds)
        paragraphs = linked or tuple(
            t for t, k in zip(shown, kinds, strict=True) if k == PARAGRAPH and t
        )
        boilerplate = tuple(
            Boilerplate(t, as_boilerplate_kind(k))
            for t, k in zip(shown, kinds, strict=True)
            if k not in (PARAGRAPH, TITLE) and t
        )
        notes = (LINKED_BODY_NOTE,) if linked else ()
        lead = None if linked else _standfirst(shown, kinds, meta.description)
        article = _article(source, url, meta, paragraphs, boilerplate, images, notes, lead)
        return article, blocks, kinds, probs


def _mark_duplicates(blocks: list[HtmlBlock], kinds: list[str]) -> None:
    """Later copies of the headline or of a caption are duplicates: galleries and
    slideshows repeat captions, templates repeat the headline. Prose may repeat on
    purpose (a recipe's ingredients, an interview's questions), so a short paragraph's
    copy goes only when it stands in a caption's place; a long one's always goes."""
    seen: dict[str, str] = {}
    for i, block in enumerate(blocks):
        first = seen.get(block.text)
        if first is None:
            if kinds[i] in _FIRST_COPY_KINDS:
                seen[block.text] = kinds[i]
            continue
        pictured = block.cues & _CUE["caption"] or block.landmarks & _LANDMARK["figure"]
        words = len(block.text.split())
        copy = kinds[i] == PARAGRAPH and (
            first != PARAGRAPH or pictured or words >= MIN_COPIED_PROSE_WORDS
        )
        if copy and words >= MIN_DUPLICATE_WORDS:
            kinds[i] = "duplicate"


def _drop_after_marked_body(
    marked: list[lxml.etree._Element],
    blocks: list[HtmlBlock],
    kinds: list[str],
    probs: list[float],
) -> None:
    """Where the page marks its article body (``itemprop="articleBody"``) and the body
    holds a good share of the kept text, what follows the body is not article: the
    teaser lists, comment forms and "support us" boxes that read like prose sit there.
    (JSON-LD's articleBody copy is no such mark: it often stops before the last
    section or the FAQ; `drop_after_linked_body` ends the text at a whole one.)"""
    kept = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    total = sum(len(blocks[i].text) for i in kept)
    if not total:
        return
    best: tuple[int, list[int]] | None = None
    for element in marked[:5]:
        inside = [i for i in kept if _within(blocks[i].element, element)]
        chars = sum(len(blocks[i].text) for i in inside)
        if inside and (best is None or chars > best[0]):
            best = (chars, inside)
    if best is None or best[0] < MARKED_BODY_SHARE * total:
        return
    last = best[1][-1]
    for i in kept:
        if i > last and probs[i] < AFTER_BODY_MIN_PROBABILITY:
            kinds[i] = ""


def _drop_comment_items(blocks: list[HtmlBlock], kinds: list[str]) -> None:
    """Drop the kept list items of a comment thread (class words "comment", "reply",
    "disqus"...) when the page keeps an article outside it: a thread of long comments
    reads like prose. On a forum page, where the posts are the text, little is kept
    outside the comment classes, and the items stay. (Chosen by the 3-fold CV on
    wcxb-dev: article pages 0.9461 -> 0.9475, forum pages 0.7092 -> 0.7144.)"""
    comment = _CUE["comment"]
    outside = sum(
        len(b.text)
        for b, k in zip(blocks, kinds, strict=True)
        if k == PARAGRAPH and not b.cues & comment
    )
    if outside < COMMENT_ITEMS_BODY_CHARS:
        return
    item = _LANDMARK["li"]
    for i, block in enumerate(blocks):
        if kinds[i] == PARAGRAPH and block.cues & comment and block.landmarks & item:
            kinds[i] = ""


def _drop_media_addresses(blocks: list[HtmlBlock], kinds: list[str]) -> None:
    """Drop kept blocks whose whole text is a media file's address ("…/photo.jpg?w=640")."""
    for i, block in enumerate(blocks):
        text = block.text
        if kinds[i] == PARAGRAPH and " " not in text and "." in text:
            words = text.split()
            if len(words) == 1 and _MEDIA_ADDRESS.fullmatch(words[0]):
                kinds[i] = ""


def _standfirst(shown: list[str], kinds: list[str], description: str | None) -> str | None:
    """The standfirst: a block between the headline and the first paragraph that says
    what the page's own description (``og:description``, ``description``) says. Article
    benchmarks' gold leaves it out of the body, so the body keeps the model's verdict and
    only ``lead`` takes it."""
    if not description or TITLE not in kinds:
        return None
    summary = _comparable(description).rstrip(" .…[]")  # "… cut short…"
    if len(summary.split()) < STANDFIRST_MIN_WORDS:
        return None  # "News", a site's slogan: too little to match a standfirst by
    title = kinds.index(TITLE)
    head = min(len(summary), STANDFIRST_MATCH_CHARS)
    for i in range(title + 1, len(kinds)):
        if kinds[i] == PARAGRAPH:
            return None
        text = shown[i]
        if kinds[i] in _NOT_STANDFIRST or text == shown[title]:
            continue
        # As long as the compared part at least: not a line the description starts with.
        if len(text.split()) >= STANDFIRST_MIN_WORDS and _comparable(text)[:head] == summary[:head]:
            return text
    return None


def _comparable(text: str) -> str:
    """``text`` as a page and its description are compared: one Unicode form, case
    folded, curly quotes straight, spaces single."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_STRAIGHT_QUOTES)
    return " ".join(text.split())


def _text_from_linked_body(
    copy: list[str], blocks: list[HtmlBlock], shown: list[str], kinds: list[str]
) -> tuple[str, ...]:
    """The article from the page's JSON-LD copy where the HTML shows too little of it
    (``html_linked_body``); the blocks kept till then go to boilerplate (as ``duplicate``
    where the copy holds their text, ``shown``: as the record writes it)."""
    kept = [i for i, k in enumerate(kinds) if k == PARAGRAPH]
    paragraphs = linked_paragraphs(copy, sum(len(shown[i].split()) for i in kept))
    if paragraphs:
        whole = " ".join(paragraphs)
        for i in kept:
            kinds[i] = "duplicate" if shown[i] in whole else _kind_of_dropped(blocks[i])
    return paragraphs


def _drop_unrendered_templates(blocks: list[HtmlBlock], kinds: list[str]) -> None:
    """Drop kept blocks that are mostly template placeholders ("{{ article.title }}",
    "{% if … %}"): a script-built page (Angular, Vue, Handlebars) whose article is
    fetched after load holds only its template, and a CMS may print an unexpanded
    shortcode. Placeholders shown as code (in ``<pre>``, ``<code>``), as a template
    language's manual does, stay."""
    for i, block in enumerate(blocks):
        if (
            kinds[i] == PARAGRAPH
            and mostly_placeholders(block.text)
            and not _shows_code(block.element)
        ):
            kinds[i] = ""


def _shows_code(element: lxml.etree._Element) -> bool:
    """Whether ``element`` is, holds or sits in code (``<pre>``, ``<code>``...)."""
    if element.tag in _CODE_TAGS or any(a.tag in _CODE_TAGS for a in element.iterancestors()):
        return True
    return any(True for _ in element.iterdescendants(*_CODE_TAGS))


def _drop_figure_captions(blocks: list[HtmlBlock], kinds: list[str]) -> None:
    """A ``<figcaption>``, or a block in a ``<figure>`` whose class names it a caption or
    credit, goes to the page's images, not its text, even when it reads like prose.
    (Chosen by the 3-fold CV on wcxb-dev, article pages: 0.9483 -> 0.9488 with the shipped
    model and the comment rule, +0.0005 on two other models and seeds.)"""
    caption, figure = _CUE["caption"], _LANDMARK["figure"]
    for i, block in enumerate(blocks):
        if kinds[i] == PARAGRAPH and (
            block.tag == "figcaption" or (block.cues & caption and block.landmarks & figure)
        ):
            kinds[i] = ""


def _drop_by_wording(blocks: list[HtmlBlock], kinds: list[str], declared: bool) -> dict[int, str]:
    """Kept paragraphs whose wording names them: a label ("Related:", "Also read:",
    "Lasi arī:") and a link to another story is a teaser cut into the body; a site's
    notice (``page_notices``: sign-up consent, affiliate disclosures, copyright lines
    and, on a page that declares an article, its date and tag lines) is furniture.
    Returns the dropped blocks' kinds by index."""
    dropped: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if kinds[i] == PARAGRAPH:
            kind = _teaser_kind(block) or _notice_kind(block, declared)
            if kind is None and credited_caption(block.text):
                kind = "caption"
            if kind is not None:
                kinds[i] = ""
                dropped[i] = kind
    return dropped


def _teaser_kind(block: HtmlBlock) -> str | None:
    label = _TEASER_LABEL.match(block.text)
    if label is None:
        return None
    linked = block.link_chars
    words = label.group().strip(" :|»›–—")
    if _in_a_link(block.element, words):  # "<a>Also read:</a> the mayor's letter"
        linked -= len(words)
    if linked >= TEASER_MIN_LINK_SHARE * (len(block.text) - label.end()):
        return "teaser"
    return None


def _in_a_link(element: lxml.etree._Element, words: str) -> bool:
    folded = words.casefold()
    return any(folded in "".join(map(str, a.itertext())).casefold() for a in element.iter("a"))


def _notice_kind(block: HtmlBlock, declared: bool) -> str | None:
    """A code listing quoting a licence, or a quotation, is the article's text."""
    if block.tag == "pre":
        return None
    kind = notice_kind(block.text, page_lines=declared)
    return None if kind is None or _quoted(block.element) else kind


def _quoted(element: lxml.etree._Element) -> bool:
    """Inside a quotation: what someone said, even in a notice's words, is the article's."""
    return element.tag in _QUOTES or any(a.tag in _QUOTES for a in element.iterancestors())


def _within(element: lxml.etree._Element, ancestor: lxml.etree._Element) -> bool:
    if element is ancestor:
        return True
    return any(a is ancestor for a in element.iterancestors())


def _keep_best_prose(blocks: list[HtmlBlock], kinds: list[str], probs: list[float]) -> None:
    """On a page where no block passed, keep its likeliest prose rather than nothing:
    an article page has a body, and a short one under a busy template can fall just
    short of the threshold."""
    prose = [
        i
        for i, b in enumerate(blocks)
        if len(b.text.split()) >= FALLBACK_MIN_WORDS and b.link_chars < 0.5 * len(b.text)
    ]
    if not prose:
        return
    best = max(probs[i] for i in prose)
    if best < FALLBACK_MIN_PROBABILITY:
        return
    for i in prose:
        if probs[i] >= best - FALLBACK_MARGIN:
            kinds[i] = PARAGRAPH


def _is_link_list_item(block: HtmlBlock) -> bool:
    """A list item or aside entry that is nothing but a link: a teaser, not prose."""
    in_list = block.tag == "li" or block.landmarks & (_LANDMARK["li"] | _LANDMARK["aside"])
    return bool(in_list) and block.link_chars >= 0.95 * len(block.text)


def _kind_of_dropped(block: HtmlBlock) -> str:
    """Name a dropped block from its landmarks and class words."""
    cues, marks = block.cues, block.landmarks
    if cues & _CUE["caption"] or block.tag in ("figcaption", "caption"):
        return "credit" if credit_of(block.text) else "caption"
    if cues & _CUE["ad"]:
        return "ad"
    if cues & (_CUE["comment"] | _CUE["share"]):
        return "widget"
    if cues & _CUE["related"]:
        return "teaser"
    if marks & _LANDMARK["nav"] or cues & _CUE["nav"]:
        return "navigation"
    if marks & _LANDMARK["footer"] or cues & _CUE["footer"]:
        return "footer"
    if marks & _LANDMARK["aside"] or cues & _CUE["sidebar"]:
        return "teaser"
    if block.text.replace(" ", "").isdigit():
        return "counter"
    return "other"


def _images(blocks: list[HtmlBlock], kinds: list[str]) -> list[Image]:
    """Captions of figures, each with its credit when the page gives one."""
    images: list[Image] = []
    seen: set[Image] = set()
    for i, block in enumerate(blocks):
        if kinds[i] != "caption":
            continue
        caption, credit = without_invisible_marks(block.text), None
        nxt = i + 1
        if nxt < len(blocks) and kinds[nxt] == "credit":
            credit = credit_of(blocks[nxt].text)
        credited = credited_caption(caption)
        if credited is not None:
            caption, credit = credited
        for label in ("Foto:", "Photo:", "Photograph:", "Image:", "Credit:"):
            at = caption.find(label)
            if at > 0:
                credit = caption[at + len(label) :].strip() or credit
                caption = caption[:at].strip()
                break
        image = Image(caption=caption.rstrip(" ,;:") or None, credit=credit)
        if image not in seen:  # galleries and templates repeat a caption
            seen.add(image)
            images.append(image)
    return images


def _article(
    source: Source,
    url: str | None,
    meta: PageMetadata,
    paragraphs: tuple[str, ...],
    boilerplate: tuple[Boilerplate, ...],
    images: list[Image],
    notes: tuple[str, ...] = (),
    standfirst: str | None = None,
) -> Article:
    canonical = meta.canonical_url or url
    body = "\n\n".join(paragraphs)
    warnings = notes if paragraphs else (*notes, "no article text found")
    return Article(
        source=source,
        paragraphs=paragraphs,
        id=article_id(canonical, body),
        url=canonical,
        publisher=meta.publisher,
        language=meta.language or "und",
        title=meta.title,
        lead=standfirst or (paragraphs[0] if paragraphs else meta.description),
        published=meta.published,
        date_source=meta.date_source,
        modified=meta.modified,
        tags=meta.tags,
        authors=meta.authors,
        section=meta.section,
        images=tuple(images),
        comment_count=meta.comment_count,
        boilerplate=boilerplate,
        warnings=warnings,
    )
