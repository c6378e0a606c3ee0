"""Search snippets: the passage of an article around its best cluster of query matches.

Built in Python over one article's text (cheaper than an FTS prefix query per hit), and
inflection-aware: a lemma of five letters or more also matches words sharing its stem,
so ``putins`` highlights ``Putinu`` and ``Putinam``.
"""

from __future__ import annotations

import re

# A lemma this long has inflected forms worth highlighting by their common stem.
STEM_MIN = 5
WINDOW = 220  # characters of context around the matches


def snippet(text: str, terms: list[str], width: int = WINDOW) -> str:
    pattern = _pattern(terms)
    flat = " ".join(text.split())
    matches = list(pattern.finditer(flat)) if pattern else []
    if not matches:
        return flat[:160] + (" …" if len(flat) > 160 else "")
    start = _densest(matches, width)
    end = min(len(flat), start + width)
    start, end = _word_bounds(flat, start, end)
    out, at = [], start
    for match in matches:
        if match.start() >= start and match.end() <= end:
            out += [flat[at : match.start()], "[", match.group(), "]"]
            at = match.end()
    out.append(flat[at:end])
    return ("… " if start > 0 else "") + "".join(out) + (" …" if end < len(flat) else "")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    exact: set[str] = set()
    stems: set[str] = set()
    for term in terms:
        for word in re.findall(r"\w+", term.casefold()):
            exact.add(re.escape(word))
            if len(word) >= STEM_MIN:
                stems.add(re.escape(word[:-2]))
    if not exact:
        return None
    alternatives = sorted(exact, key=len, reverse=True) + [f"{s}\\w*" for s in sorted(stems)]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _densest(matches: list[re.Match[str]], width: int) -> int:
    """Start of the window holding the most matches, a little before the first of them."""
    best_start, best_count = matches[0].start(), 0
    for i, first in enumerate(matches):
        count = sum(1 for m in matches[i:] if m.end() - first.start() <= width - 40)
        if count > best_count:
            best_start, best_count = first.start(), count
    return max(0, best_start - 40)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end
