"""Whole readers' pages from the cache for anonymous visitors.

The public templates have no per-request part (no CSRF token, messages or user), so a
page is cached whole. Its key holds the host, scheme, language, address and the stamps of
`articles.pagecache`, so a change readers could see makes the next request render afresh.
Logged-in staff never get a cached page and never fill the cache; a reader's page says
`Cache-Control: public, s-maxage=…` with an ETag, so a CDN keeps it at most that long.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language

from newsroom import db

from .. import pagecache
from . import hosts

UNCACHEABLE = {"private", "no-cache", "no-store"}


def _anonymous(request) -> bool:
    # Without a session cookie the visitor cannot be logged in: no session read, no
    # `Vary: Cookie` on every reader's page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page = getattr(request, "_page_cache", None)
        if page is None:
            return response
        if page == "staff":
            # A CDN must not hand a staff member's page to readers.
            patch_cache_control(response, private=True)
            return response
        if "expires" in page:  # served from the cache
            self._patch_public(response, page["expires"])
            return response
        if not self._storable(response) or self._replica_may_lag(page["stamps"]):
            return response
        try:
            upcoming = hosts.directory().next_publication(page["outlet"])
        except DatabaseError:
            # A page that needs no database (robots.txt) still answers while it is away.
            return response
        lifetime = pagecache.lifetime(upcoming)
        if lifetime <= 0:
            return response
        expires = time.time() + lifetime
        if not response.has_header("ETag"):
            set_response_etag(response)
        cache.set(page["key"], (response, expires), timeout=lifetime)
        self._patch_public(response, expires)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or "admin" in request.resolver_match.namespaces
        ):
            return None
        if not _anonymous(request):
            request._page_cache = "staff"
            return None
        slug = view_kwargs.get("outlet")
        scope = pagecache.outlet_scope(slug) if slug else pagecache.NETWORK
        stamps = pagecache.stamps(scope)
        address = hashlib.md5(request.get_full_path().encode()).hexdigest()
        key = ":".join(
            [
                "page",
                request.scheme,
                request.get_host(),
                get_language() or "",
                *map(str, stamps),
                address,
            ]
        )
        cached = cache.get(key)
        if cached is not None:
            response, expires = cached
            request._page_cache = {"expires": expires}
            return response
        request._page_cache = {"key": key, "outlet": slug, "stamps": stamps}
        return None

    @staticmethod
    def _replica_may_lag(stamps) -> bool:
        # Rendered from a replica that may not have replayed the latest change yet, the
        # page would be kept under the new stamps: serve it, keep it only once the lag is over.
        since = time.time_ns() - max(stamps)
        return db.has_replica() and since < settings.REPLICA_LAG_SECONDS * 10**9

    @staticmethod
    def _storable(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in control for word in UNCACHEABLE)
        )

    @staticmethod
    def _patch_public(response, expires: float) -> None:
        if response.status_code != 200 or "private" in response.get(
            "Cache-Control", ""
        ):
            return
        left = max(0, int(expires - time.time()))
        # Browsers revalidate (a cheap 304 against the ETag) unless the view said otherwise.
        ages = {} if "max-age" in response.get("Cache-Control", "") else {"max_age": 0}
        patch_cache_control(
            response,
            public=True,
            s_maxage=min(settings.PAGE_CACHE_CDN_SECONDS, left),
            **ages,
        )
