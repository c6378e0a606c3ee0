"""newsmill: raw news pages in, clean structured news records out."""

from newsmill.api import extract, extract_text
from newsmill.record import SCHEMA_VERSION, Article

__all__ = ["SCHEMA_VERSION", "Article", "extract", "extract_text"]
__version__ = "0.1.0"
