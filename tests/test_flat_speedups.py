"""The vectorised shortcuts of the flat path give what the plain line-by-line code gives.

Splitting, the regex-free per-line features and the tree evaluation were rewritten for
speed; these tests hold them to straightforward reference versions on random pages full
of the awkward characters (odd spaces, digits of other scripts, closing quotes).
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from newsmill.extract import flat as flat_module
from newsmill.extract import lexicon as lexicon_module
from newsmill.extract import line_features as line_features_module
from newsmill.extract.lexicon import _EDGES as EDGES
from newsmill.extract.lexicon import BoilerplateLexicon, load_lexicon
from newsmill.extract.line_features import (
    BASE_NAMES,
    base_features,
    best_region,
    context_features,
    line_features,
)
from newsmill.extract.lines import Line, split_lines
from newsmill.extract.oblivious_trees import ObliviousTrees
from newsmill.extract.page_furniture import domains_in
from newsmill.extract.regions import drop_far_doubtful

_PIECES = [
    *"ab Zc.!?…\"'”’»)]([“„«,:;|/©-*@_0123456789²٣\u00a0\t\x0c\u2028\u2003\u200b\u3000ĀŽß",
    "\u202f",
    "\u205f",
    "the",
    "Foto:",
    "12.05.2023",
    " 123",
    "  ",
    "\n",
    "\n\n",
    "\U0001d7d8",
]


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(size))


def _reference_split(text: str) -> list[Line]:
    """Line by line, as the first version did."""
    space = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
    lines: list[Line] = []
    offset, block, previous = 0, 0, -2
    for i, raw in enumerate(text.split("\n")):
        start, offset = offset, offset + len(raw) + 1
        folded = space.sub(" ", raw.strip()).strip()
        if not folded:
            continue
        if lines and i - previous > 1:
            block += 1
        previous = i
        lines.append(Line(len(lines), folded, start, start + len(raw), block))
    return lines


def test_split_lines_matches_the_line_by_line_reference() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        text = _random_text(rng, rng.randint(0, 40))
        assert split_lines(text) == _reference_split(text), repr(text)


def test_regex_free_columns_match_the_page_wide_regexes() -> None:
    """Sentence breaks (column 10) and trailing numbers (16), as page-wide scans count them."""
    breaks = re.compile(r"[.!?…][\"'”’»)]*\s+[\"'“„«(]?[A-ZÀ-ÖØ-ÞĀ-Ž]")
    trailing = re.compile(r"\s\d{1,6}$", re.M)
    lexicon = load_lexicon()
    rng = random.Random(11)
    for _ in range(1000):
        lines = split_lines(_random_text(rng, rng.randint(1, 60))) or split_lines("x")
        page = "\n".join(line.text for line in lines)
        starts = np.cumsum([0] + [len(line.text) + 1 for line in lines])[:-1]
        out = base_features(lines, lexicon)
        at_breaks = [m.start() for m in breaks.finditer(page)]
        at_trailing = [m.start() for m in trailing.finditer(page)]
        expected_breaks = np.minimum(_per_line(at_breaks, starts), 20)
        expected_trailing = _per_line(at_trailing, starts) > 0
        assert out[:, 10].tolist() == expected_breaks.tolist(), page
        assert out[:, 16].tolist() == expected_trailing.tolist(), page


def _per_line(positions: list[int], starts: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    n = starts.shape[0]
    found = np.searchsorted(starts, positions, side="right") - 1
    return np.bincount(found, minlength=n)[:n]


def test_trees_match_a_tree_by_tree_walk() -> None:
    rng = np.random.default_rng(3)
    n_trees, depth, n_features = 7, 3, 5
    trees = ObliviousTrees(
        features=rng.integers(0, n_features, n_trees * depth),
        borders=rng.choice([-0.5, 0.0, 0.5], n_trees * depth),
        leaves=rng.normal(size=n_trees * 2**depth),
        depth=depth,
        bias=0.25,
        n_features=n_features,
    )
    x = rng.choice([-1.0, -0.5, 0.0, 0.5, 1.0], size=(13, n_features))
    expected = np.full(x.shape[0], 0.0)
    for t in range(n_trees):
        leaf = np.zeros(x.shape[0], dtype=np.int64)
        for level in range(depth):
            split = t * depth + level
            leaf |= (x[:, trees.features[split]] > trees.borders[split]).astype(np.int64) << level
        expected += trees.leaves[t * 2**depth + leaf]
    assert trees.decision(x).tobytes() == (expected + 0.25).tobytes()


def test_domains_in_matches_the_whole_text_scan() -> None:
    """Scanning only the lines that hold a top-level domain finds what one scan finds."""
    whole = re.compile(
        r"(?<![\w@.-])((?:[a-z0-9][a-z0-9-]*\.)+(?:lv|lt|ee|com|org|net|eu|uk|de|fr|ru|info"
        r"|news|tv|fm|io|co))(?![\w-])",
        re.I,
    )
    pieces = ["a", "B", ".", "-", "@", "\n", " ", "lv", "com", "co", "Www.", "x.LV", "é", "_"]
    pieces += ["1", ".info", ".news", "ß", "LA.LV", "delfi.lv/", "-co"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert domains_in(text) == whole.findall(text), repr(text)


def test_opens_phrase_remembers_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remembered answers (also across a reset of the memory) are the folded test's."""
    monkeypatch.setattr(lexicon_module, "OPENS_CACHE_WORDS", 5)
    lexicon = load_lexicon()
    rng = random.Random(9)
    words = ["Reklāma", "REKLĀMA:", "share", "»Lasīt", "Foto:", "the", "Ziņas", "x", "ſhare"]
    words += ["Komentāri", "—", "READ", "more"]
    for _ in range(300):
        page = [rng.choice(words) for _ in range(rng.randint(0, 12))]
        expected = [_opens(lexicon, w) for w in page]
        assert lexicon.opens_phrase(page) == expected == lexicon.opens_phrase(page)


def _opens(lexicon: BoilerplateLexicon, word: str) -> bool:
    """A word opens a phrase when its folded, edge-stripped form is some phrase's first word."""
    firsts = {
        p.split()[0].strip(EDGES) for p in [*lexicon.exact, *(p for p, _ in lexicon.prefixes)]
    }
    return word.casefold().strip(EDGES) in firsts


def test_drop_far_doubtful_matches_the_unit_by_unit_rule() -> None:
    rng = random.Random(13)
    for _ in range(500):
        n = rng.randint(1, 30)
        lengths = [rng.randint(1, 600) for _ in range(n)]
        probs = [rng.random() for _ in range(n)]
        kinds = [rng.choice(["paragraph", "", "ad"]) for _ in range(n)]
        expected = list(kinds)
        weights = (np.asarray(probs) - 0.5) * np.minimum(np.asarray(lengths), 400)
        start, end = best_region(weights)
        for i in range(n):
            far = not start - 3 <= i <= end + 3
            if expected[i] == "paragraph" and far and probs[i] < 0.9:
                expected[i] = ""
        drop_far_doubtful(lengths, kinds, probs, "paragraph")
        assert kinds == expected


def test_token_columns_match_str_split_and_word_sets() -> None:
    """Function-word share (11), title overlap (20), comment cue (26) and the lexicon kinds
    come out as with ``str.split`` tokens looked up in the word sets one by one."""
    lexicon = load_lexicon()
    rng = random.Random(17)
    words = ["the", "The", "un", "UN,", "ir", "komentāri", "Comments:", "\x00", "the\x00", "a"]
    words += ["Reklāma", "Foto:", "Share", "ſ", "ß", "\U0001d7d8x", "Lasīt", "vairāk", "x" * 40]
    spaces = [" ", "  ", "\u00a0", "\u2003", "\t", "\x1c", "\n", "\n\n"]
    for _ in range(400):
        parts = [
            rng.choice(words + _PIECES) + rng.choice(spaces) for _ in range(rng.randint(1, 50))
        ]
        lines = split_lines("".join(parts)) or split_lines("x")
        kinds: list[str | None] = [None] * len(lines)
        out = base_features(lines, lexicon, kinds)
        expected = _reference_token_columns(lines, lexicon)
        assert out[:, 11].tolist() == expected[0].tolist()
        assert out[:, 20].tolist() == expected[1].tolist()
        assert out[:, 26].tolist() == expected[2].tolist()
        assert kinds == expected[3]


def _reference_token_columns(
    lines: list[Line], lexicon: BoilerplateLexicon
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str | None]]:  # type: ignore[type-arg]
    from newsmill.extract.line_features import _TOKEN_FLAGS

    tokens_of = [line.text.split() for line in lines]
    n = len(lines)
    title = set(tokens_of[0])
    first_is_title = len(tokens_of[0]) <= 25 and not lines[0].text.endswith((",", ":", ";"))
    function, overlap, comment = np.zeros(n), np.zeros(n), np.zeros(n)
    kinds: list[str | None] = [None] * n
    for i, tokens in enumerate(tokens_of):
        flags = [_TOKEN_FLAGS.get(t, 0) for t in tokens]
        size = max(len(tokens), 1)
        function[i] = sum(1 for f in flags if f & 1) / size
        if first_is_title and i > 0:
            overlap[i] = sum(1 for t in tokens if t in title) / size
        words = len(re.findall(r"\w+", lines[i].text))
        comment[i] = any(f & 2 for f in flags) and words <= 12
        if tokens and words <= 12:
            kinds[i] = lexicon.kind_of(lines[i].text)
    return function, overlap, comment, kinds


def test_bullet_column_matches_the_pattern_on_the_page() -> None:
    """Column 6: a bullet mark, or one to three digits (``isdigit``), a dot or bracket and
    a space, read on the page where a line runs on into the newline after it."""
    lexicon = load_lexicon()
    rng = random.Random(23)
    pieces = [*_PIECES, "1", "12", "123", "1234", ".", ")", " ", "²", "٣", "•", "- "]
    for _ in range(1000):
        lines = split_lines(_random_text_of(rng, pieces, rng.randint(1, 30))) or split_lines("x")
        page = "\n".join(line.text for line in lines)
        out = base_features(lines, lexicon)
        starts = np.cumsum([0] + [len(line.text) + 1 for line in lines])[:-1]
        expected = []
        for start in starts.tolist():
            head = page[start : start + 5]
            numbered = any(
                all(c.isdigit() for c in head[:k])
                and head[k : k + 1] in (".", ")")
                and head[k + 1 : k + 2].isspace()
                for k in range(1, 4)
            )
            expected.append(head[:1] in list("-–—•·*▪►") or numbered)
        assert out[:, 6].tolist() == [float(e) for e in expected], page


def _random_text_of(rng: random.Random, pieces: list[str], size: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(size))


def test_drop_far_doubtful_takes_arrays_as_lists() -> None:
    """The flat path hands numpy arrays straight over; the HTML path hands lists."""
    rng = random.Random(17)
    for _ in range(200):
        n = rng.randint(1, 30)
        lengths = [rng.randint(1, 600) for _ in range(n)]
        probs = [rng.random() for _ in range(n)]
        kinds = [rng.choice(["paragraph", "", "ad"]) for _ in range(n)]
        from_lists, from_arrays = list(kinds), list(kinds)
        drop_far_doubtful(lengths, from_lists, probs, "paragraph")
        drop_far_doubtful(np.asarray(lengths), from_arrays, np.asarray(probs), "paragraph")
        assert from_arrays == from_lists


def _reference_window_means(values: np.ndarray, windows: tuple[int, ...]) -> np.ndarray:
    """Row by row: the mean of the k rows before and the k rows after, zeros past the edges."""
    n, width = values.shape
    padded = np.zeros((n + 1, width))
    padded[1:] = values
    csum = np.cumsum(padded, axis=0)
    columns = []
    for k in windows:
        for i_range in ("before", "after"):
            block = np.zeros((n, width))
            for i in range(n):
                if i_range == "before":
                    block[i] = (csum[i] - csum[max(i - k, 0)]) / k
                else:
                    block[i] = (csum[min(i + k + 1, n)] - csum[i + 1]) / k
            columns.append(block)
    return np.concatenate(columns, axis=1)


def test_window_means_match_the_row_by_row_sums_bit_for_bit() -> None:
    rng = np.random.default_rng(19)
    columns = list(line_features_module._CONTEXT_COLUMNS)
    width = 2 * len(line_features_module._WINDOWS) * len(columns)
    for n in [*range(1, 20), 57]:
        base = np.zeros((n, len(BASE_NAMES)))
        base[:, columns] = rng.normal(size=(n, len(columns))) * rng.integers(1, 1000)
        out = context_features(base, split_lines("x\n" * n))
        expected = _reference_window_means(base[:, columns], line_features_module._WINDOWS)
        assert np.array_equal(out[:, :width], expected)


def test_context_features_do_not_depend_on_the_output_layout() -> None:
    """Written into the feature-major matrix of ``line_features`` or into a fresh
    row-major array, the context columns are the same."""
    rng = random.Random(23)
    lexicon = load_lexicon()
    for _ in range(100):
        lines = split_lines(_random_text(rng, rng.randint(1, 400)))
        if not lines:
            continue
        whole = line_features(lines, lexicon)
        base = np.ascontiguousarray(whole[:, : len(BASE_NAMES)])
        alone = context_features(base, lines)
        assert np.array_equal(alone, whole[:, len(BASE_NAMES) :])


def _reference_remaining_kinds(texts: list[str], kinds: list[str]) -> list[str]:
    """Line by line, as the first version named them."""
    kinds = list(kinds)
    start = kinds.index("paragraph") if "paragraph" in kinds else None
    if start is None:
        start, end = len(kinds), -1
    else:
        end = len(kinds) - 1 - kinds[::-1].index("paragraph")
    for i, text in enumerate(texts):
        if kinds[i]:
            continue
        if text[0].isdigit() and text.replace(" ", "").isdigit():
            kinds[i] = "counter"
        elif i < start:
            kinds[i] = "navigation"
        elif i > end:
            kinds[i] = "footer" if "©" in text or len(text.split()) > 12 else "teaser"
        elif len(text.split()) <= 3 and text.upper() == text:
            kinds[i] = "widget"
        else:
            kinds[i] = "teaser"
    return kinds


def test_remaining_kinds_match_the_line_by_line_rules() -> None:
    rng = random.Random(29)
    shapes = ["12 345", "١٢", "²3", "MENU", "LASI ARĪ ŠO", "© 2024 Site", "Read more", "1 a"]
    for _ in range(500):
        n = rng.randint(1, 25)
        texts = []
        for _ in range(n):
            if rng.random() < 0.5:
                texts.append(rng.choice(shapes))
            else:
                text = " ".join(_random_text(rng, rng.randint(1, 30)).split())
                texts.append(text or "x")
        kinds = [rng.choice(["", "", "paragraph", "ad", "title"]) for _ in range(n)]
        expected = _reference_remaining_kinds(texts, kinds)
        flat_module._name_remaining_kinds(texts, kinds)
        assert kinds == expected
