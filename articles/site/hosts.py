"""Which outlet a request is for, and an outlet's canonical addresses.

Every reader's page needs its outlet, the outlet's rubric menu and, to know how long the
page may be cached, the outlet's next scheduled publication. They come from one
`Directory` of all outlets, read in one query and kept in the cache under the stamps of
`articles.pagecache` for the network and for everything: any change readers could see
(an article's, or an outlet's, rubric's or host's in the admin) makes the next request
read it afresh, so pages cost no query for it until then.
"""

import time
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, Subquery
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .. import pagecache
from ..models import Article, Outlet, Rubric

# At most this long even with nothing to say the outlets changed (a change made outside
# the admin, from a shell).
DIRECTORY_SECONDS = 600


@dataclass
class Directory:
    """Every outlet by slug and by hostname, each with its rubric menu and next
    scheduled publication."""

    outlets: dict[str, Outlet] = field(default_factory=dict)
    hosts: dict[str, str] = field(default_factory=dict)
    menus: dict[int, list[Rubric]] = field(default_factory=dict)
    upcoming: dict[str, datetime] = field(default_factory=dict)
    # Until when it may be used (time.time()): its next scheduled publication, at most
    # DIRECTORY_SECONDS after it was read.
    expires: float = 0.0

    def next_publication(self, slug: str | None = None) -> datetime | None:
        """When the outlet's pages (or, without a slug, the network's) next change by a
        scheduled publication going out, with nothing to say so."""
        if slug is not None:
            return self.upcoming.get(slug)
        return min(self.upcoming.values(), default=None)


# The directory this process last read from the cache, with its key: while the stamps
# are the same, a page reuses it without unpickling it again. Its outlets and rubrics
# are shared by every request of the process, so nothing may change them.
_latest: tuple[str, Directory] | None = None


def directory() -> Directory:
    global _latest
    everything, network = pagecache.stamps(pagecache.NETWORK)
    key = f"outlet-directory:{everything}:{network}"
    latest = _latest
    if latest is not None and latest[0] == key and time.time() < latest[1].expires:
        return latest[1]
    found = cache.get(key)
    if found is None:
        found = _read_directory()
        # A scheduled publication going out changes no stamp: read afresh after it.
        soonest = found.next_publication()
        seconds = DIRECTORY_SECONDS
        if soonest is not None:
            seconds = max(
                1, min(seconds, int((soonest - timezone.now()).total_seconds()))
            )
        found.expires = time.time() + seconds
        cache.set(key, found, timeout=seconds)
    _latest = key, found
    return found


def _read_directory() -> Directory:
    """Outlets, their rubrics and next scheduled publications in one query: one row per
    rubric (outlets without rubrics on a row of their own)."""
    fields = [f.attname for f in Outlet._meta.concrete_fields]
    upcoming = (
        Article.objects.scheduled()
        .filter(outlet=OuterRef("pk"))
        .order_by("published_at")
        .values("published_at")[:1]
    )
    rows = (
        # From the primary: kept under the latest stamps, it must not be read from a
        # replica that has not replayed the change yet. It is read once per change.
        Outlet.objects.using(DEFAULT_DB_ALIAS)
        .annotate(upcoming=Subquery(upcoming))
        .values_list(
            *fields, "upcoming", "rubrics__id", "rubrics__name", "rubrics__slug"
        )
        # The rubric menu's order (Rubric.Meta.ordering).
        .order_by("pk", "rubrics__name", "rubrics__id")
    )
    found = Directory()
    for row in rows:
        *values, upcoming_at, rubric_id, name, slug = row
        outlet = found.outlets.get(values[fields.index("slug")])
        if outlet is None:
            outlet = Outlet.from_db(rows.db, fields, values)
            found.outlets[outlet.slug] = outlet
            found.menus[outlet.pk] = []
            found.hosts.update(dict.fromkeys(outlet.host_list, outlet.slug))
            if upcoming_at is not None:
                found.upcoming[outlet.slug] = upcoming_at
        if rubric_id is not None:
            found.menus[outlet.pk].append(
                Rubric(id=rubric_id, outlet=outlet, name=name, slug=slug)
            )
    return found


def outlet_on_host(host: str) -> Outlet | None:
    """The outlet whose own host this is, if any."""
    known = directory()
    if host in known.hosts:
        return known.outlets[known.hosts[host]]
    # A host added in the last minutes (outside the admin) may not be in the directory
    # yet: look it up.
    candidates = Outlet.objects.filter(hostnames__icontains=host)
    return next((o for o in candidates if host in o.host_list), None)


def outlet_for(request, slug: str) -> Outlet:
    """The outlet named in the URL: the host's own, or one from the directory."""
    host_outlet = getattr(request, "outlet", None)
    if host_outlet is not None and host_outlet.slug == slug:
        return host_outlet
    outlets = request.__dict__.setdefault("_outlets", {})
    if slug not in outlets:
        outlet = directory().outlets.get(slug)
        # An outlet added in the last minutes may not be in the directory yet.
        outlets[slug] = outlet or get_object_or_404(Outlet, slug=slug)
    return outlets[slug]


def canonical_url(request, outlet, path: str) -> str:
    """The absolute address of `path`, on the outlet's own host when it has one.

    `path` is as reversed for this request; on the network host it carries the
    `/<outlet>` prefix, which the outlet's own host does without.
    """
    hosts = outlet.host_list
    current, port = split_domain_port(request.get_host())
    if not hosts or current in hosts:
        return request.build_absolute_uri(path)
    bare = path.removeprefix(f"/{outlet.slug}") or "/"
    return f"{request.scheme}://{hosts[0]}{':' + port if port else ''}{bare}"
