"""The analysis step: an extracted Article gets its language, entities, dates and events.

Per-language analysers plug in here; a text in a language without one keeps its language
code and empty entity, date and event lists, so nothing Latvian is run on other languages.
Models load on first use and live on the analyser, one per worker process.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from dataclasses import dataclass, replace

from newsmill.events.lv import LatvianEventExtractor
from newsmill.gc_pause import gc_paused
from newsmill.lang.identify import identify_language
from newsmill.lang.lv.dates import LatvianDateResolver
from newsmill.lang.lv.entity_merge import merge_mentions
from newsmill.lang.lv.morphology import LatvianMorphology
from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.lv.tokenize import sentence_spans
from newsmill.lang.tokens import EntitySpan, Sentence, Token
from newsmill.record import Article, DateMention

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class AnalysedArticle:
    """The filled record and the tokens it was analysed on (lemmas feed full-text search)."""

    article: Article
    sentences: tuple[Sentence, ...] = ()


class LatvianAnalyzer:
    """Tokens, lemmas, entities, dates and events of one Latvian text."""

    def __init__(self) -> None:
        self.morphology = LatvianMorphology.load()
        self.ner = LatvianNer.load()
        self.events = LatvianEventExtractor.load()
        # Loading (the models' tables, numba's import) leaves about 120,000 new container
        # objects behind; one full collection now settles them, so the first full
        # collection they would trigger (about 0.15 s) does not land inside an article.
        gc.collect()

    def sentences(self, text: str) -> tuple[Sentence, ...]:
        """The text's sentences with every token tagged, all in one batch (the tagger's
        cost is mostly per call, not per token). Token records are built once, tags and
        all, from the tokenizer's plain spans."""
        plain = sentence_spans(text)
        analyses = self.morphology.analyse_many([[t for t, _, _ in spans] for spans in plain])
        sentences: list[Sentence] = []
        for spans, analysis in zip(plain, analyses, strict=True):
            tokens = tuple(
                [
                    Token(t, start, end, lemma, upos, feats)
                    for (t, start, end), (lemma, upos, feats) in zip(spans, analysis, strict=True)
                ]
            )
            sentences.append(Sentence(spans[0][1], spans[-1][2], tokens))
        return tuple(sentences)

    def analyse(self, article: Article) -> AnalysedArticle:
        with gc_paused():
            return self._analyse(article)

    def _analyse(self, article: Article) -> AnalysedArticle:
        text = article.text
        sentences = self.sentences(text)
        # all sentences at once: the NER decoder's numpy work is per call, not per token
        spans: list[EntitySpan] = [e for found in self.ner.find_many(sentences) for e in found]
        entities = tuple(merge_mentions(spans, text))
        reference = reference_date(article.published)
        found = LatvianDateResolver(reference).find(text, sentences)
        dates = tuple(DateMention(d.text, d.value, d.start, d.end) for d in found)
        events = self.events.extract(text, sentences, entities, dates, reference)
        filled = replace(article, entities=entities, dates=dates, events=events)
        return AnalysedArticle(filled, sentences)

    def lemmas(self, text: str) -> list[str]:
        return [token.lemma for s in self.sentences(text) for token in s.tokens]


class ArticleAnalyzer:
    def __init__(self) -> None:
        self._latvian: LatvianAnalyzer | None = None

    @property
    def latvian(self) -> LatvianAnalyzer:
        if self._latvian is None:
            self._latvian = LatvianAnalyzer()
        return self._latvian

    def analyse(self, article: Article) -> AnalysedArticle:
        text = article.text
        language = identify_language(text)
        article = replace(article, language=language)
        if language == "lv":
            return self.latvian.analyse(article)
        return AnalysedArticle(article)

    def query_lemmas(self, query: str) -> list[str]:
        """The words of a search query as Latvian lemmas, the form the lemma index holds.

        A query is too short to identify its language, so it is always lemmatised; callers
        match the plain-text index too, which serves the other languages.
        """
        return [lemma.lower() for lemma in self.latvian.lemmas(query) if _WORD.search(lemma)]


def reference_date(published: str | None) -> dt.date | None:
    """The calendar day relative expressions resolve against: the page's own date."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
