"""Which outlet a request is for, and an outlet's canonical addresses."""

from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404

from ..models import Outlet


def outlet_for(request, slug: str) -> Outlet:
    """The outlet named in the URL, looked up at most once per request."""
    host_outlet = getattr(request, "outlet", None)
    if host_outlet is not None and host_outlet.slug == slug:
        return host_outlet
    cache = request.__dict__.setdefault("_outlets", {})
    if slug not in cache:
        cache[slug] = get_object_or_404(Outlet, slug=slug)
    return cache[slug]


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
