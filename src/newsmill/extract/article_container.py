"""End a declared article at the element that holds its sure text.

A news page puts its story in one element (an ``<article>``, a ``div.entry-content``);
what follows outside it (the next stories' teasers with their decks, an author's bio, a
"more from the blog" box) reads like prose block by block, and the model keeps some of
it. The element is found from the blocks the model is sure of: the deepest element
above them holding most of their text (their parent when a body is cut into alike
siblings around an ad). Kept blocks after the last sure one that lie outside that
element are dropped: the model doubts them, or they would be sure. Only on pages that
declare one article: on other pages (a forum thread, a product's details) the parts
that sit apart are the page's content.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsmill.extract.html_blocks import HtmlBlock

# Blocks the model believes this much are the article's sure text ...
SURE_PROBABILITY = 0.8
# ... and the element holding this share of their characters is the article's.
CONTAINER_SHARE = 0.9
# Less sure text than this gives no reliable element.
MIN_SURE_CHARS = 400


def article_path(blocks: Sequence[HtmlBlock], sure: Sequence[int]) -> tuple[int, ...]:
    """The serial path of the deepest element holding ``CONTAINER_SHARE`` of the sure
    blocks' characters, above the blocks' own elements (one long paragraph is no
    article); empty when the sure text is too short to tell."""
    total = sum(len(blocks[i].text) for i in sure)
    if total < MIN_SURE_CHARS:
        return ()
    # Elements holding over half the text nest, so the deepest is reached by going down
    # from the root through the one child that holds enough at each depth.
    path: list[int] = []
    members = list(sure)
    while True:
        depth = len(path)
        held: dict[int, int] = {}
        for i in members:
            serials = blocks[i].path
            if len(serials) - 1 > depth:  # the block's own element is never the article's
                serial = serials[depth]
                held[serial] = held.get(serial, 0) + len(blocks[i].text)
        best = max(held, key=held.__getitem__, default=None)
        if best is None or held[best] < CONTAINER_SHARE * total:
            break
        path.append(best)
        members = [
            i for i in members if len(blocks[i].path) > depth + 1 and blocks[i].path[depth] == best
        ]
    # A body cut in two around an ad (two alike <div class="article-body"> siblings): the
    # element is their parent, or the second part would fall outside it.
    while path and _has_alike_sibling(blocks, sure, path):
        path.pop()
    return tuple(path)


def _has_alike_sibling(blocks: Sequence[HtmlBlock], sure: Sequence[int], path: list[int]) -> bool:
    depth = len(path)
    for i in sure:
        if blocks[i].path[:depth] == tuple(path):
            return blocks[i].repeats[depth - 1] > 1
    return False


def drop_after_container(
    blocks: Sequence[HtmlBlock], kinds: list[str], probs: Sequence[float], paragraph: str
) -> None:
    """Turn kept (``paragraph``) blocks after the last sure one that lie outside the
    article's element into "" (undecided), in place."""
    sure = [i for i, k in enumerate(kinds) if k == paragraph and probs[i] >= SURE_PROBABILITY]
    container = article_path(blocks, sure)
    if not container:
        return
    depth = len(container)
    for i in range(sure[-1] + 1, len(kinds)):
        if kinds[i] == paragraph and blocks[i].path[:depth] != container:
            kinds[i] = ""
