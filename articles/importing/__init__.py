"""Scraped text in, articles out: `parse` (pure) then `load` (database).

Parsing lives in the style modules and the shared helpers beside them; it needs no
database and no settings. Writing rows lives in `loader`.
"""

from .parsed import ParsedArticle
from .parser import parse

__all__ = ["ParsedArticle", "parse"]
