"""Full-text search over the store: lemmas and surface words.

Every article's text is indexed in FTS5 (``fts_text``); the articles the analysers
lemmatise (Latvian ones) are indexed by their lemmas too (``fts_lemmas``: title and
body columns, so ``Putins`` finds ``Putinu``). A query is lemmatised by the same
analyser and matched against both: an article matches when all its lemmas or all its
words do. Other languages are not indexed twice: a copy of their words in the lemma
index cost a fifth of the store and of the writer's time.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsmill.store.snippets import snippet

_TERM = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchFilters:
    date_from: str | None = None
    date_to: str | None = None
    publisher: str | None = None
    language: str | None = None
    entity: str | None = None

    def __bool__(self) -> bool:
        return any(vars(self).values())


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str | None
    publisher: str | None
    published: str | None
    language: str
    score: float  # bm25: lower is better
    snippet: str  # matches in [brackets]
    duplicates: int  # other articles of its cluster


def fts_query(terms: list[str]) -> str:
    """Terms as quoted FTS5 strings (all must match), so no user text is FTS syntax."""
    words = [word for term in terms for word in _TERM.findall(term.casefold())]
    return " ".join('"' + word + '"' for word in words)


def search(
    conn: sqlite3.Connection,
    words: list[str],
    lemmas: list[str],
    filters: SearchFilters,
    limit: int = 10,
    *,
    collapse: bool = True,
) -> list[SearchHit]:
    """Articles matching every lemma (or every word) of the query, best bm25 first.

    With ``collapse`` a story shows once (its best-ranked copy), with its duplicate count.
    """
    lemma_query, word_query = fts_query(lemmas), fts_query(words)
    if not lemma_query and not word_query:
        return []
    wanted = limit * 4 if collapse else limit
    where, params = _filters(filters)
    # Without filters FTS5 ranks and cuts itself; with them the join must see every hit.
    cut = "" if filters else " ORDER BY rank LIMIT :wanted"
    hits = f"SELECT rowid, rank AS score FROM fts_lemmas WHERE fts_lemmas MATCH :lq{cut}"
    if word_query:
        text_hits = f"SELECT rowid, rank AS score FROM fts_text WHERE fts_text MATCH :wq{cut}"
        hits = (
            f"SELECT rowid, min(score) AS score FROM ("
            f"SELECT * FROM ({hits}) UNION ALL SELECT * FROM ({text_hits})) GROUP BY rowid"
        )
    rows = conn.execute(
        f"WITH best AS ({hits})"
        " SELECT a.rowid, a.id, a.title, a.publisher, a.published, a.language, best.score,"
        " a.cluster_id, c.size - 1 FROM best JOIN articles a ON a.rowid = best.rowid"
        " JOIN clusters c ON c.id = a.cluster_id"
        f" WHERE {where} ORDER BY best.score LIMIT :wanted",
        {"lq": lemma_query or '""', "wq": word_query, "wanted": wanted, **params},
    ).fetchall()
    if collapse:
        rows = _one_per_cluster(rows, limit)
    terms = [*words, *lemmas]
    return [
        SearchHit(
            id_,
            title,
            publisher,
            published,
            lang,
            float(score),
            snippet(_text(conn, rowid), terms),
            dups,
        )
        for rowid, id_, title, publisher, published, lang, score, _cluster, dups in rows
    ]


def _text(conn: sqlite3.Connection, rowid: int) -> str:
    return str(conn.execute("SELECT text FROM articles WHERE rowid = ?", (rowid,)).fetchone()[0])


def _one_per_cluster(rows: list[Any], limit: int) -> list[Any]:
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row[7] not in seen:
            seen.add(row[7])
            kept.append(row)
    return kept[:limit]


def _filters(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    clauses, params = ["1"], {}
    if filters.date_from:
        clauses.append("a.published >= :date_from")
        params["date_from"] = filters.date_from
    if filters.date_to:
        # Dates may carry times; everything on the last day counts.
        clauses.append("substr(a.published, 1, length(:date_to)) <= :date_to")
        params["date_to"] = filters.date_to
    if filters.publisher:
        clauses.append(
            "(a.publisher = :publisher COLLATE NOCASE OR a.domain = :publisher COLLATE NOCASE)"
        )
        params["publisher"] = filters.publisher
    if filters.language:
        clauses.append("a.language = :language")
        params["language"] = filters.language
    if filters.entity:
        clauses.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity"
            " WHERE m.article = a.rowid AND e.name = :entity COLLATE NOCASE)"
        )
        params["entity"] = filters.entity
    return " AND ".join(clauses), params
