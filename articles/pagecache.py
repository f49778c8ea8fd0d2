"""When readers' cached pages go stale, and how long a page may be kept.

Every cached page's key carries stamps: the moment its outlet's pages last changed (or the
network's, for pages that show every outlet) and the moment everything last changed. A
change readers could see sets new stamps when its transaction commits, so the next request
misses and renders afresh: nothing is looked up or deleted page by page. The stamps live in
the cache itself (Redis when the site runs on several processes or machines).

Callers are the few places that change what readers see: `workflow` (every status move and
the import's bulk record), `revisions.record` (every saved edit, correction and restore)
and the admin's saves of outlets, rubrics, people and tags.
"""

import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import Article

NETWORK = "network"
EVERYTHING = "all"


def _stamp_key(scope: str) -> str:
    return f"pages:changed:{scope}"


def outlet_scope(slug: str) -> str:
    return f"outlet:{slug}"


def stamps(scope: str) -> tuple[int, int]:
    """The stamps of a page scope (`outlet_scope(slug)` or NETWORK) and of everything."""
    keys = [_stamp_key(EVERYTHING), _stamp_key(scope)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # A stamp evicted or never set starts now: older pages can never match it.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return found[keys[0]], found[keys[1]]


def pages_changed(*scopes: str) -> None:
    """Pages of these scopes are stale once the current transaction commits."""

    def stamp():
        now = time.time_ns()
        cache.set_many({_stamp_key(scope): now for scope in scopes}, timeout=None)

    # At commit, not before: a reader rendering in between would cache the old state
    # under the new stamp.
    transaction.on_commit(stamp, robust=True)


def article_changed(article: Article) -> None:
    """An article's pages changed: its outlet's, the network's, and pages linking to it."""
    linking = (
        article.related_from.exclude(outlet_id=article.outlet_id)
        .values_list("outlet__slug", flat=True)
        .distinct()
    )
    pages_changed(
        NETWORK,
        outlet_scope(article.outlet.slug),
        *(outlet_scope(slug) for slug in linking),
    )


def outlets_changed(slugs) -> None:
    """New articles in these outlets (the importer's bulk record)."""
    pages_changed(NETWORK, *(outlet_scope(slug) for slug in slugs))


def everything_changed() -> None:
    """Outlet settings, rubrics, people or tags changed: every page may show them."""
    pages_changed(EVERYTHING)


def lifetime(upcoming: datetime | None) -> int:
    """Seconds a page may be kept: PAGE_CACHE_SECONDS, ended early by the next scheduled
    publication of its scope (`upcoming`), when the page would change with nothing to
    say so."""
    if upcoming is None:
        return settings.PAGE_CACHE_SECONDS
    # Rounded down: a page expires at or before the publication, never after it.
    until = int((upcoming - timezone.now()).total_seconds())
    return max(0, min(settings.PAGE_CACHE_SECONDS, until))
