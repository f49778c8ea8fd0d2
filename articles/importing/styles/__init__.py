"""Outlet styles: each module names its outlet, how to recognise it, and how to read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document
from ..parsed import ParsedArticle


@dataclass(frozen=True)
class OutletStyle:
    """One outlet's way of writing articles."""

    key: str
    detect: Callable[[Document], bool]
    parse: Callable[[Document], ParsedArticle]
