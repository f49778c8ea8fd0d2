"""Outlet styles: each outlet's name, its own brand token and its local time zone.

The launch outlets differ only in these constants, so they are rows of one table; the
reading itself is shared (`layout`). An outlet with a particular of its own gets a
module here that builds its `OutletStyle` with its own `detect` or `parse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..document import Document
from ..layout import build_article, owns_brand
from ..parsed import ParsedArticle


@dataclass(frozen=True)
class OutletStyle:
    """One outlet's way of writing articles."""

    key: str
    # The outlet's own brand token; None for the fallback, which accepts any text.
    brand: re.Pattern | None
    # The zone of stamps that name none; None: the zone the text names, else WIB.
    zone: str | None

    def detect(self, doc: Document) -> bool:
        """True when the brand stands in the dateline, a credit, a byline or a sign-off."""
        return self.brand is None or owns_brand(doc, self.brand)

    def parse(
        self,
        doc: Document,
        *,
        source_name: str | None = None,
        now: datetime | None = None,
    ) -> ParsedArticle:
        """Read an article of this outlet."""
        return build_article(
            doc, outlet=self.key, zone=self.zone, source_name=source_name, now=now
        )


def _brand(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


LAUNCH: tuple[OutletStyle, ...] = (
    # Sister sites (tribratanewsttu.com, tribratanewskupangkota.com …) are other outlets.
    OutletStyle(
        "tribratanews-ntt",
        _brand(r"\b(?:tribratanewsntt\.com|ntt\.tribratanews\.com)\b"),
        "WITA",
    ),
    # `Pantauan iNewsTTU.id` inside the story is a mention, so only own spots count.
    OutletStyle("inews-ttu", _brand(r"\binewsttu\.id\b"), "WITA"),
    # Dateline, credit (`POS-KUPANG.COM/NAME`) or `Laporan Wartawan Pos Kupang`;
    # Tribun sister sites share the layout only.
    OutletStyle("pos-kupang", _brand(r"\bpos[- ]?kupang\b"), "WITA"),
    # The brand sits in the byline (`Name - BLITAR.UPDATE.CO.ID`); the dateline is `BLITAR - `.
    OutletStyle("blitar-update", _brand(r"\bblitar\.update\.co\.id\b"), "WIB"),
    # The dateline brand or the `/BERNAS` outlet code of the sign-off.
    OutletStyle(
        "beritanasional", _brand(r"\bberitanasional\.id\b|/\s*bernas\b"), "WIB"
    ),
)

GENERIC = OutletStyle("unknown", None, None)
