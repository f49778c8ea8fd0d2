"""Model fields that clean what they store, whichever path writes the row."""

import html
import re

import nh3
from django.db import models

# The markup an article body may keep: the one allow-list of the desk, the importer and
# every other write path (the public page prints the body as it is stored).
BODY_TAGS = {
    "p",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "br",
    "figure",
    "figcaption",
}
BODY_ATTRIBUTES = {"a": {"href"}}
# Tags that mark a body as HTML; anything else in angle brackets is text ("<ke>").
HTML_TAGS = BODY_TAGS | {
    "div", "span", "img", "script", "style", "iframe", "h1", "h4", "h5", "h6",
    "table", "tr", "td", "th", "u", "s", "sub", "sup", "hr", "pre", "code",
    "section", "article", "font", "object", "embed", "video", "audio", "form",
    "input", "button", "svg", "link", "meta",
}  # fmt: skip
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
# Built once: `nh3.clean` would build the same cleaner again for every body (half its time).
_CLEANER = nh3.Cleaner(tags=BODY_TAGS, attributes=BODY_ATTRIBUTES)
# Paragraphs of escaped text only, as the importer writes them: the cleaner would keep
# every tag and character and only unescape the quotes (a parse and a serialisation,
# twice the time of this check). Characters the HTML parser changes or drops (NUL, CR,
# other controls, no-break space, surrogates) are left to the cleaner. Possessive: runs
# of text are taken whole, and a body that is not such is refused without backtracking.
_ESCAPED_TEXT = (
    r"(?:[^<>&\x00-\x1f\x7f-\xa0\ud800-\udfff]++|&(?:amp|lt|gt|quot|#x27);)*+"
)
_ESCAPED_PARAGRAPHS = re.compile(rf"(?:<p>{_ESCAPED_TEXT}</p>)+")


def sanitise_body(text: str) -> str:
    """Body HTML reduced to the tags articles use; plain text becomes paragraphs."""
    text = text.replace("\r\n", "\n").strip()
    if _ESCAPED_PARAGRAPHS.fullmatch(text):
        # What the cleaner returns for these (tests/test_body_sanitising.py).
        return text.replace("&quot;", '"').replace("&#x27;", "'")
    if not any(tag.lower() in HTML_TAGS for tag in _TAG.findall(text)):
        paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
        return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return _CLEANER.clean(text)


class SanitisedHTMLField(models.TextField):
    """HTML cleaned by `sanitise_body` on its way to the database.

    Cleaning happens in `get_db_prep_save`, which `save()`, `bulk_create()` and
    `update()` all call, and lookups do not: a search for `<p>` is not rewritten.
    """

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = sanitise_body(value)
        return super().get_db_prep_save(value, connection)
