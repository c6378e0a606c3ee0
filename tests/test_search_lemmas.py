"""Search: every inflected form through lemmas, ranking, snippets, filters, one hit per story."""

from __future__ import annotations

import re
from pathlib import Path

from newsmill.corpus import Corpus
from newsmill.dedup.fingerprint import Fingerprinter
from newsmill.lang.analyze import AnalysedArticle, ArticleAnalyzer
from newsmill.lang.tokens import Sentence, Token
from newsmill.record import Article, Entity, Mention, Publisher, Source
from newsmill.run.work import lemma_text, title_lemmas
from newsmill.store.rows import IngestedArticle
from newsmill.store.writer import StoreWriter

# What the Latvian lemmatiser will say for these forms (the test does not depend on it).
LEMMAS = {"putinu": "putins", "putinam": "putins", "putina": "putins", "maskavā": "maskava"}


class StubAnalyzer(ArticleAnalyzer):
    """Lemmatises by a table, as the real Latvian analyser will by its model."""

    def analyse(self, article: Article) -> AnalysedArticle:
        tokens = tuple(
            Token(m.group(), m.start(), m.end(), LEMMAS.get(m.group().lower(), m.group().lower()))
            for m in re.finditer(r"\w+", article.text)
        )
        return AnalysedArticle(article, (Sentence(0, len(article.text), tokens),))

    def query_lemmas(self, query: str) -> list[str]:
        return [LEMMAS.get(word.lower(), word.lower()) for word in query.split()]


PAGES = {
    "a": (
        "Haftars tiekas ar Putinu",
        "Haftars ticās ar Putinu Maskavā. Sarunas ilga stundu.",
        "la.lv",
        "2023-09-28",
    ),
    "b": (
        "Putinam jauns viesis",
        "Putinam Kremlī bija viesis no Lībijas. Viņi runāja par naftu.",
        "lsm.lv",
        "2023-10-02",
    ),
    "c": (
        "Lietus Rīgā",
        "Rīgā visu dienu lija lietus. Putina vārds šeit neparādās... vai tomēr.",
        "la.lv",
        "2023-11-05",
    ),
    "d": (
        "Budžets pieņemts",
        "Saeima pieņēma budžetu. Ministrs bija apmierināts.",
        "lsm.lv",
        "2023-11-06",
    ),
}


def _putin(text: str) -> tuple[Entity, ...]:
    found = re.search(r"Putin\w*", text)
    assert found is not None
    return (Entity("Vladimirs Putins", "PER", (Mention(found.group(), *found.span()),)),)


def _store(db: Path) -> None:
    analyzer, fingerprinter = StubAnalyzer(), Fingerprinter()
    with StoreWriter(db) as writer:
        for key, (title, text, domain, published) in PAGES.items():
            article = Article(
                source=Source(uri=f"{key}.txt", kind="text"),
                paragraphs=(text,),
                id=f"article-{key}",
                title=title,
                publisher=Publisher(domain.upper(), domain),
                language="lv",
                published=published,
                entities=_putin(text) if key in "ab" else (),
            )
            analysed = analyzer.analyse(article)
            writer.add(
                IngestedArticle(
                    f"hash-{key}",
                    analysed.article,
                    lemma_text(analysed),
                    fingerprinter.fingerprint(text),
                    title_lemmas(article, analyzer),
                )
            )


def test_a_query_finds_every_inflected_form_with_highlights(tmp_path: Path) -> None:
    _store(tmp_path / "c.db")
    with Corpus(tmp_path / "c.db", analyzer=StubAnalyzer()) as corpus:
        hits = corpus.search("Putins")
        assert {hit.id for hit in hits} == {"article-a", "article-b", "article-c"}
        by_id = {hit.id: hit for hit in hits}
        assert "[Putinu]" in by_id["article-a"].snippet
        assert "[Putinam]" in by_id["article-b"].snippet
        # Two words: both must match, in any form.
        assert [hit.id for hit in corpus.search("Putins Maskavā")] == ["article-a"]


def test_filters_narrow_the_hits(tmp_path: Path) -> None:
    _store(tmp_path / "c.db")
    with Corpus(tmp_path / "c.db", analyzer=StubAnalyzer()) as corpus:
        ids = lambda **f: {h.id for h in corpus.search("Putins", **f)}  # noqa: E731
        assert ids(publisher="la.lv") == {"article-a", "article-c"}
        assert ids(publisher="LSM.LV") == {"article-b"}
        assert ids(date_from="2023-10-01", date_to="2023-10-31") == {"article-b"}
        assert ids(entity="vladimirs putins") == {"article-a", "article-b"}
        assert ids(language="en") == set()


def test_ranking_prefers_the_title_and_repeated_terms(tmp_path: Path) -> None:
    _store(tmp_path / "c.db")
    with Corpus(tmp_path / "c.db", analyzer=StubAnalyzer()) as corpus:
        hits = corpus.search("Putins")
        assert hits[-1].id == "article-c"  # one passing mention, not in the title
        assert hits == sorted(hits, key=lambda hit: hit.score)


def test_queries_are_never_fts_syntax(tmp_path: Path) -> None:
    _store(tmp_path / "c.db")
    with Corpus(tmp_path / "c.db", analyzer=StubAnalyzer()) as corpus:
        for query in ['"', "AND", "NEAR(", "budž*", "-", "a OR", "' OR 1=1 --"]:
            corpus.search(query)  # no exception
        assert corpus.search("") == []


def test_english_is_found_by_its_words_without_a_lemma_copy(tmp_path: Path) -> None:
    text = "The Minister MET reporters in Riga. Ministers meet often."
    article = Article(
        Source("en.txt", "text"), (text,), id="article-en", title="Minister speaks", language="en"
    )
    analysed = AnalysedArticle(article)  # no analyser for English: no sentences, no lemmas
    assert lemma_text(analysed) == ""
    assert title_lemmas(analysed.article, ArticleAnalyzer()) == ""
    db = tmp_path / "en.db"
    with StoreWriter(db) as writer:
        writer.add(IngestedArticle("hash-en", article, "", Fingerprinter().fingerprint(text), ""))
    with Corpus(db, analyzer=StubAnalyzer()) as corpus:
        hits = corpus.search("minister reporters")
        assert [hit.id for hit in hits] == ["article-en"]
        assert "[Minister]" in hits[0].snippet and "[reporters]" in hits[0].snippet
        assert [hit.id for hit in corpus.search("speaks")] == ["article-en"]  # the title
        assert corpus.search("minister budget") == []
        rows = corpus.conn.execute("SELECT count(*) FROM fts_lemmas").fetchone()[0]
        assert rows == 0
