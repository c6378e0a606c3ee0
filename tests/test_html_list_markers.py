"""An ordered list's items keep the numbers a browser draws before them: counted from
``start``, down when ``reversed``, reset by an item's ``value``, in the ``type``'s
numerals; not for unordered lists, not where an inline style hides the marker, not twice
where the page wrote the number into the item, and only before an item's first kept
paragraph."""

from __future__ import annotations

import lxml.html

from newsmill import extract_text
from newsmill.extract.html_blocks import html_blocks
from newsmill.extract.list_markers import numbered_paragraphs


def numbered(body: str) -> list[str]:
    """Every block of the body kept, as the extractor writes kept paragraphs."""
    blocks = html_blocks(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))
    return numbered_paragraphs([b.text for b in blocks], [b.element for b in blocks])


def test_items_counted_from_one() -> None:
    body = "<p>Steps:</p><ol><li>Audit your waste</li><li>Reduce plastics</li></ol>"
    assert numbered(body) == ["Steps:", "1. Audit your waste", "2. Reduce plastics"]


def test_start_reversed_value_and_type() -> None:
    assert numbered('<ol start="4"><li>four</li><li>five</li></ol>') == ["4. four", "5. five"]
    assert numbered("<ol reversed><li>c</li><li>b</li><li>a</li></ol>") == [
        "3. c",
        "2. b",
        "1. a",
    ]
    assert numbered('<ol><li>one</li><li value="7">seven</li><li>eight</li></ol>') == [
        "1. one",
        "7. seven",
        "8. eight",
    ]
    assert numbered('<ol type="a"><li>x</li><li>y</li></ol>') == ["a. x", "b. y"]
    assert numbered('<ol type="I" start="3"><li>x</li><li>y</li></ol>') == ["III. x", "IV. y"]
    assert numbered('<ol type="A" start="27"><li>x</li></ol>') == ["AA. x"]


def test_no_marker_where_a_browser_draws_none_or_the_page_wrote_it() -> None:
    assert numbered("<ul><li>apples</li><li>pears</li></ul>") == ["apples", "pears"]
    assert numbered('<ol style="list-style: none"><li>Home</li><li>News</li></ol>') == [
        "Home",
        "News",
    ]
    assert numbered("<ol><li>1. Already numbered</li><li>2) Also</li></ol>") == [
        "1. Already numbered",
        "2) Also",
    ]


def test_only_an_items_first_paragraph_and_nested_lists() -> None:
    body = (
        "<ol><li><p>First step, in detail.</p><p>More on it.</p>"
        "<ol><li>inner one</li><li>inner two</li></ol></li>"
        "<li><p>Second step.</p></li></ol>"
    )
    assert numbered(body) == [
        "1. First step, in detail.",
        "More on it.",
        "1. inner one",
        "2. inner two",
        "2. Second step.",
    ]


def test_an_articles_ranked_list_keeps_its_numbers() -> None:
    prose = (
        "The city council published its list of the projects that will get money from "
        "next year's budget, after a month of public hearings in every district. "
    )
    items = [
        "Rebuilding the stone bridge over the river, closed to trucks since the spring "
        "floods damaged two of its piers and the engineers found cracks in the deck.",
        "A new primary school in the northern district, where the old building has "
        "been too small for the number of pupils for more than ten years now.",
        "Longer opening hours for the public library and its three branches, which "
        "the council says were the most asked for change in all of the hearings.",
    ]
    html = (
        "<html><head><title>Council picks three projects</title></head><body><article>"
        "<h1>Council picks three projects</h1>"
        f"<p>{prose * 2}</p><ol>{''.join(f'<li>{item}</li>' for item in items)}</ol>"
        f"<p>{prose}</p></article></body></html>"
    )
    paragraphs = extract_text(html, uri="ranked-list.html", analyse=False).paragraphs
    assert [p for p in paragraphs if p.startswith(("1. ", "2. ", "3. "))] == [
        f"{number}. {item}" for number, item in enumerate(items, start=1)
    ]
