"""The analysis step: an extracted Article gets its language, entities, dates and events.

Per-language analysers plug in here; a text in a language without one keeps its language
code and empty entity, date and event lists, so nothing Latvian is run on other languages.
Models load on first use and live on the analyser, one per worker process.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from newsmill.events.lv import LatvianEventExtractor
from newsmill.lang.identify import identify_language
from newsmill.lang.lv.dates import LatvianDateResolver
from newsmill.lang.lv.entity_merge import merge_mentions
from newsmill.lang.lv.morphology import LatvianMorphology
from newsmill.lang.lv.ner import LatvianNer
from newsmill.lang.lv.tokenize import split_sentences
from newsmill.lang.tokens import EntitySpan, Sentence, Token
from newsmill.record import Article, DateMention, Entity, Mention

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

    def sentences(self, text: str) -> tuple[Sentence, ...]:
        """The text's sentences with every token tagged, all in one batch (the tagger's
        cost is mostly per call, not per token)."""
        plain = split_sentences(text)
        analyses = self.morphology.analyse_many([[t.text for t in s.tokens] for s in plain])
        return tuple(
            Sentence(
                sentence.start,
                sentence.end,
                tuple(
                    Token(token.text, token.start, token.end, lemma, upos, feats)
                    for token, (lemma, upos, feats) in zip(sentence.tokens, analysis, strict=True)
                ),
            )
            for sentence, analysis in zip(plain, analyses, strict=True)
        )

    def analyse(self, article: Article) -> AnalysedArticle:
        text = article.text
        sentences = self.sentences(text)
        spans: list[EntitySpan] = []
        for sentence in sentences:
            spans.extend(self.ner.find(sentence))
        entities = tuple(_with_mention_text(text, entity) for entity in merge_mentions(spans))
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


def _with_mention_text(text: str, entity: Entity) -> Entity:
    """Mentions quote the article text exactly, line breaks and all."""
    mentions = tuple(Mention(text[m.start : m.end], m.start, m.end) for m in entity.mentions)
    return replace(entity, mentions=mentions)
