"""newsmill: raw news pages in, clean structured news records out."""

from typing import TYPE_CHECKING, Any

from newsmill.api import extract, extract_text
from newsmill.record import SCHEMA_VERSION, Article

if TYPE_CHECKING:
    from newsmill.corpus import Corpus

__all__ = ["SCHEMA_VERSION", "Article", "Corpus", "extract", "extract_text"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The corpus pulls in datasketch and SQLite machinery: loaded on first use only.
    if name == "Corpus":
        from newsmill.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'newsmill' has no attribute {name!r}")
