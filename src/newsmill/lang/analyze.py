"""The analysis step: an extracted Article gets its language, entities, dates and events.

Per-language analysers plug in here; a text in a language without one keeps its language
code and empty entity, date and event lists, so nothing Latvian is run on other languages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from newsmill.lang.identify import identify_language
from newsmill.lang.tokens import Sentence
from newsmill.record import Article


@dataclass(frozen=True)
class AnalysedArticle:
    """The filled record and the tokens it was analysed on (lemmas feed full-text search)."""

    article: Article
    sentences: tuple[Sentence, ...] = ()


class ArticleAnalyzer:
    def analyse(self, article: Article) -> AnalysedArticle:
        text = article.text
        language = identify_language(text) if text.strip() else "und"
        return AnalysedArticle(replace(article, language=language))

    def query_lemmas(self, query: str) -> list[str]:
        """The words of a search query in the form the lemma index holds (Latvian lemmas soon)."""
        return [word.lower() for word in query.split() if word.strip()]
