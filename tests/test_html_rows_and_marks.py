"""Table rows as blocks, and the features for where the page marks its article body."""

from __future__ import annotations

import json

from newsmill.extract.html_blocks import html_blocks
from newsmill.extract.html_features import marked_body_features, parse_html

STANDINGS = """<html><body><article><p>The standings after the race in Phoenix.</p>
<table>
  <tr><th>Driver</th><th>Points</th></tr>
  <tr>
    <td><a href="/larson">Kyle Larson</a></td>
    <td> 4,040 </td>
  </tr>
  <tr><td>Ryan Blaney</td><td>4,035</td></tr>
</table></article></body></html>"""


def test_a_data_table_gives_one_block_per_row_with_its_cells_separated() -> None:
    blocks = html_blocks(parse_html(STANDINGS))
    rows = [(b.text, b.tag) for b in blocks if b.tag == "tr"]
    assert rows == [
        ("Driver | Points", "tr"),
        ("Kyle Larson | 4,040", "tr"),
        ("Ryan Blaney | 4,035", "tr"),
    ]
    larson = next(b for b in blocks if b.text.startswith("Kyle"))
    assert larson.link_chars == len("Kyle Larson")  # the link stays counted in the row


def test_a_layout_cell_holding_paragraphs_keeps_its_own_blocks() -> None:
    page = (
        "<html><body><table><tr><td><p>First paragraph of the story.</p>"
        "<p>Second paragraph.</p></td><td>Menu</td></tr></table></body></html>"
    )
    texts = [b.text for b in html_blocks(parse_html(page))]
    assert texts == ["First paragraph of the story.", "Second paragraph.", "Menu"]


def test_blocks_inside_the_itemprop_article_body_are_marked() -> None:
    page = (
        "<html><body><p>Most read: a teaser that reads like prose, and long.</p>"
        '<div itemprop="articleBody"><p>The council met on Tuesday to vote.</p>'
        "<div><p>It passed the budget by seven votes.</p></div></div></body></html>"
    )
    root = parse_html(page)
    blocks = html_blocks(root)
    marks = marked_body_features(blocks, root)
    assert marks[:, 0].tolist() == [0.0, 1.0, 1.0]
    assert marks[:, 1].tolist() == [-1.0, -1.0, -1.0]  # no JSON-LD body on the page


def test_blocks_found_in_the_json_ld_article_body_are_marked() -> None:
    body = "The council met on Tuesday to vote.\n\nIt passed the budget by seven votes."
    ld = json.dumps({"@graph": [{"@type": "NewsArticle", "articleBody": body}]})
    page = (
        f'<html><head><script type="application/ld+json">{ld}</script></head><body>'
        "<p>The council met on Tuesday to vote.</p><p>It passed the budget by seven "
        "votes.</p><p>Sign up for our newsletter today!</p><p>Tuesday</p></body></html>"
    )
    root = parse_html(page)
    blocks = html_blocks(root)
    marks = marked_body_features(blocks, root)
    assert marks[:, 1].tolist() == [1.0, 1.0, 0.0, 0.0]  # "Tuesday" is too short to look up
    assert marks[:, 0].tolist() == [-1.0] * 4  # no itemprop mark


def test_a_page_without_marks_gets_minus_one() -> None:
    root = parse_html("<html><body><p>Plain page.</p></body></html>")
    blocks = html_blocks(root)
    assert marked_body_features(blocks, root).tolist() == [[-1.0, -1.0]]
