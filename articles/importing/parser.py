"""Entry point of parsing: raw bytes -> ParsedArticle. (Placeholder until the styles land.)"""

from .parsed import ParsedArticle


def parse(raw: bytes) -> ParsedArticle:
    """Parse one scraped file."""
    return ParsedArticle(error="parser not implemented yet")
