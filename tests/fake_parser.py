"""A stand-in for `articles.importing.parse` until the real outlet parsers are merged.

It reads a tiny test format instead of scraped pages: `key: value` header lines, a blank
line, then one paragraph per blank-line-separated block. It reports the same classes of
bad input the real parser does (empty, binary, undecodable, no body, no date), so the
command and loader can be tested on them. Tests using it say so (`fake_parse` fixture).

    outlet: pos-kupang
    title: Polisi Gelar Patroli
    published: 2025-03-04            (or 2025-03-04T10:14+07:00)
    authors: Ana Bria; Yos Kolo
    related: Headline one; Headline two

    First paragraph.
"""

import hashlib
from datetime import date, datetime

from articles.importing import ParsedArticle

LIST_KEYS = {"authors": "authors", "related": "related_headlines"}
TEXT_KEYS = {
    "outlet",
    "title",
    "lead",
    "rubric",
    "region",
    "editor",
    "reporter",
    "photo_credit",
    "caption",
    "dateline_place",
}


def parse(raw: bytes, **context) -> ParsedArticle:
    if any(byte < 9 or 13 < byte < 32 for byte in raw):
        return ParsedArticle(error="binary content (control bytes): not a text file")
    warnings = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.append("not UTF-8: read as Windows-1252; check accented letters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ParsedArticle(error="empty file: nothing to import")
    header, _, rest = text.strip().partition("\n\n")
    fields: dict = {"outlet": "unknown", "warnings": tuple(warnings)}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key in LIST_KEYS:
            fields[LIST_KEYS[key]] = tuple(
                v.strip() for v in value.split(";") if v.strip()
            )
        elif key == "published":
            fields["published"] = (
                datetime.fromisoformat(value)
                if "T" in value
                else date.fromisoformat(value)
            )
        elif key in TEXT_KEYS:
            fields[key] = value
    fields["body"] = tuple(
        " ".join(block.split()) for block in rest.split("\n\n") if block.strip()
    )
    fields["content_hash"] = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    if not fields["body"]:
        fields["error"] = "no body text: the file has a headline but no paragraphs"
    elif "published" not in fields:
        fields["error"] = "no publication date found: add a dated dateline or stamp"
    return ParsedArticle(**fields)


def article_text(**fields) -> str:
    """A file in the fake format: `body` is a list of paragraphs, the rest header lines."""
    body = fields.pop("body", ["Paragraf pertama berita.", "Paragraf kedua."])
    header = [
        f"{key}: {'; '.join(value) if isinstance(value, list | tuple) else value}"
        for key, value in fields.items()
        if value is not None
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"
