"""The block walk's nesting depth (``walk_blocks``) and the facts the faster walk keeps."""

from __future__ import annotations

import re

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from newsmill.extract.html_blocks import (
    CUE_NAMES,
    CUE_WORDS,
    DOM_NAMES,
    PHRASING_SKIPPED_TAGS,
    SKIPPED_TAGS,
    _cues_of_value,
    _folded,
    dom_features,
    html_blocks,
    walk_blocks,
)


def parse(page: str) -> HtmlElement:
    root: HtmlElement = lxml.html.document_fromstring(page)
    return root


def nested(divs: int, inside: str = "deep") -> str:
    return f"<html><body>{'<div>' * divs}{inside}{'</div>' * divs}<p>after</p></body></html>"


def test_depth_counts_the_root_as_one() -> None:
    root = parse("<html><body><div><section><p>Text <b>bold <i>it</i></b></p></section></div>")
    blocks, depth = walk_blocks(root)
    assert depth == 7  # html body div section p b i
    assert [b.text for b in blocks] == ["Text bold it"]
    assert blocks[0].depth == 5  # the block's own element, <p>, closes it


def test_skipped_subtrees_do_not_count() -> None:
    svg = "<svg>" + "<g>" * 40 + "</g>" * 40 + "</svg>"
    root = parse(f"<html><body><div><p>Shown</p>{svg}<script>var x;</script></div></body></html>")
    blocks, depth = walk_blocks(root)
    assert len(list(root.iter("g"))) == 40  # the parser kept them; the walk skips them
    assert depth == 4  # html body div p
    assert [b.text for b in blocks] == ["Shown"]


def test_nested_divs_below_the_parsers_cap() -> None:
    root = parse(nested(200))
    blocks, depth = walk_blocks(root)
    assert depth == 202  # html, body, 200 divs
    assert [(b.text, b.depth) for b in blocks] == [("deep", 202), ("after", 3)]


def test_three_hundred_nested_divs_stop_at_the_parsers_cap() -> None:
    """libxml2 stops parsing at depth 256 (without XML_PARSE_HUGE): the rest of the page
    is lost, so the walk sees no text, and the depth it reports is the cap."""
    root = parse(nested(300))
    blocks, depth = walk_blocks(root)
    assert depth == 256
    assert max(len(list(e.iterancestors())) + 1 for e in root.iter()) == 256
    assert blocks == []
    assert html_blocks(root) == []


def test_owner_cues_feed_the_own_content_column() -> None:
    root = parse(
        '<html><body><div class="article-body"><p>In the article.</p></div>'
        '<div id="main-content">Own words here.</div></body></html>'
    )
    blocks = html_blocks(root)
    content = 1 << CUE_NAMES.index("content")
    assert [(b.text, bool(b.cues & content), bool(b.own_cues & content)) for b in blocks] == [
        ("In the article.", True, False),  # inherited from the div, not its own
        ("Own words here.", True, True),
    ]
    column = dom_features(blocks)[:, DOM_NAMES.index("own_cue_content")]
    assert column.tolist() == [0.0, 1.0]


def test_a_button_that_libxml2_made_hold_the_page_is_walked() -> None:
    # A <div> left open inside a header's <button>: libxml2 nests the rest of the page in
    # the button (browsers close it at </button>). Skipping buttons would lose the article.
    root = parse(
        '<html><body><header><button class="menu"><div class="inner">\n<div>\n</button>'
        '<a href="/">Home</a></header><main><article><h1>The headline</h1>'
        "<p>The first paragraph of the story.</p></article></main>"
        "<button>Load more</button></body></html>"
    )
    assert [b.tag for b in root.iter("button")] == ["button", "button"]
    assert root.find(".//button//main") is not None  # the repair this guards against
    texts = [b.text for b in html_blocks(root)]
    assert texts == ["Home", "The headline", "The first paragraph of the story."]


def test_an_ordinary_button_stays_skipped() -> None:
    root = parse(
        "<html><body><p>Story text.</p><button><div><p>Show 12 more replies</p></div></button>"
        "<select><option>Latvia</option><option>Lithuania</option></select></body></html>"
    )
    assert [b.text for b in html_blocks(root)] == ["Story text."]


def test_an_image_or_a_control_between_two_words_keeps_them_apart() -> None:
    # The date and the first sentence of a page (wcxb 0023) came out as "2024If".
    root = parse(
        "<html><body><p>Updated: December 9, 2024<img src='a.png'>If you are serving food"
        "<svg><path/></svg>at a reception, call us<button>x</button>1-844-555<br>today or"
        "<script>var x = 1;</script>tomorrow.</p></body></html>"
    )
    assert [b.text for b in html_blocks(root)] == [
        "Updated: December 9, 2024 If you are serving food at a reception, call us 1-844-555",
        "today ortomorrow.",  # a line break ends the block; a script is not drawn
    ]


# --- generated pages --------------------------------------------------------------------

_TAGS = (
    "div", "p", "span", "a", "li", "ul", "td", "tr", "table", "h2", "b", "script", "svg",
    "button", "article", "img",
)  # fmt: skip
_CLASSES = ("", "content", "nav-menu", "share_bar", "Related-Posts", "x1", "comment reply")
_TEXTS = ("", " ", "word", "two words ", "\n\t", "Ā ī ū", "\u00a0nbsp\u2003")


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """A piece of HTML: text, comments and elements with class and id cue words."""
    out = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        kind = draw(st.sampled_from(("text", "comment", "element", "element", "br")))
        if kind == "text":
            out.append(draw(st.sampled_from(_TEXTS)))
        elif kind == "comment":
            out.append("<!-- c -->")
        elif kind == "br":
            out.append("<br>")
        else:
            tag = draw(st.sampled_from(_TAGS))
            css = draw(st.sampled_from(_CLASSES))
            ident = draw(st.sampled_from(_CLASSES))
            attributes = (f' class="{css}"' if css else "") + (f' id="{ident}"' if ident else "")
            inner = draw(fragments(depth + 1))
            out.append(f"<{tag}{attributes}>{inner}</{tag}>")
    return "".join(out)


def skipped(element: HtmlElement) -> bool:
    """Skipped with its subtree: a skipped tag, unless a phrasing one holds page sections."""
    tag = element.tag.lower()
    if tag not in SKIPPED_TAGS:
        return False
    sections = {"main", "article", "h1"}
    return tag not in PHRASING_SKIPPED_TAGS or not any(
        isinstance(e.tag, str) and e.tag.lower() in sections for e in element.iterdescendants()
    )


def reference_depth(root: HtmlElement) -> int:
    """The deepest element with no skipped element on its ancestor chain (nor being one)."""
    deepest = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        chain = [element, *element.iterancestors()]
        if not any(skipped(e) for e in chain):
            deepest = max(deepest, len(chain))
    return deepest


@settings(max_examples=100, deadline=None)
@given(fragments())
def test_walk_matches_html_blocks_and_the_depth_of_the_tree(body: str) -> None:
    root = parse(f"<html><body>{body}</body></html>")
    blocks, depth = walk_blocks(root)
    assert html_blocks(root) == blocks
    assert depth == reference_depth(root)
    for block in blocks:
        assert block.text == " ".join(block.text.split()) != ""
        assert 1 <= block.depth <= depth
        assert len(block.path) == len(block.repeats)
        assert 0 <= block.link_chars <= len(block.text)
    assert dom_features(blocks).shape == (len(blocks), len(DOM_NAMES))


# --- the cheaper string work against its definitions ----------------------------------


def cue_bits_by_definition(value: str) -> int:
    """Cue words are the runs of a-z in the lowered value (the regex split it replaced)."""
    words = set(re.split("[^a-z]+", value.lower()))
    return sum(1 << i for i, cue in enumerate(CUE_WORDS.values()) if words & set(cue))


_ATTRIBUTE_PIECES = st.one_of(
    st.sampled_from([word for words in CUE_WORDS.values() for word in words]),
    st.sampled_from(list("-_ 1AZaz\u00e9\u0130\u212a\u00df\u0101\u2003")),
    st.characters(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ATTRIBUTE_PIECES, max_size=12).map("".join))
def test_cue_bits_match_the_regex_definition(value: str) -> None:
    assert _cues_of_value(value) == cue_bits_by_definition(value)


def test_cue_bits_of_awkward_values() -> None:
    # The Kelvin sign lowers to an ASCII "k"; "İ" lowers to "i" and a combining dot.
    for value in ("\u212aomment", "\u0130tem-NAV", "ads\u00e9share", "x\ud800related", "AD"):
        assert _cues_of_value(value) == cue_bits_by_definition(value)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(" \t\n\u00a0\u2003\u3000\x1cab\u200b"), max_size=8)))
def test_folding_matches_the_regex_it_replaced(parts: list[str]) -> None:
    expected = re.sub(r"\s+", " ", "".join(parts)).strip()
    gathered = list(parts)
    assert _folded(gathered) == expected
    assert gathered == []
