"""The readers' error pages: a branded 404, and a 500/503 that needs no database.

The 500 page cannot ask the database which outlet a request is for, nor for its colours:
the database may be why it is shown. `render_error_pages()` writes one static page per
outlet, and a map from host and path prefix to page, when static files are collected
(`collectstatic` runs it); `server_error` then picks a page from the request's host or
first path segment and reads it from disk.
"""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation

from ..models import Outlet
from .hosts import directory

FOLDER = "errors"
INDEX = "index.json"
NETWORK = ""  # the network's own page, under the key of no outlet

# The last resort when no page was rendered (collectstatic not run yet): plain, but Indonesian.
_BARE_PAGE = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8">'
    "<title>Terjadi gangguan</title></head><body><h1>Terjadi gangguan</h1>"
    "<p>Halaman ini tidak dapat ditampilkan sekarang. Silakan coba lagi sebentar lagi.</p>"
    '<p><a href="/">Kembali ke beranda</a></p></body></html>'
)


def page_not_found(request, exception=None):
    """404 in the style of the outlet the address belongs to (or the network's)."""
    outlet = getattr(request, "outlet", None) or _outlet_from_path(request.path)
    return TemplateResponse(request, "404.html", {"outlet": outlet}, status=404)


def _outlet_from_path(path: str):
    slug = path.strip("/").split("/", 1)[0]
    if not slug:
        return None
    try:
        return directory().outlets.get(slug)
    except DatabaseError:
        return None


def server_error(request):
    """500, or 503 when the database is away: a pre-rendered page, no query, no template."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, DatabaseError)
    response = HttpResponse(_pre_rendered(request), status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = "60"
    return response


def _pre_rendered(request) -> str:
    folder = Path(settings.STATIC_ROOT) / FOLDER
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        key = _page_key(request, index)
        page = index["pages"][key]
        html = (folder / page["file"]).read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError):
        return _BARE_PAGE
    # The page's inline style is allowed by hash, as on every public page.
    request.__dict__.setdefault("csp_style_hashes", []).extend(page["style_hashes"])
    return html


def _page_key(request, index) -> str:
    try:
        host, _ = split_domain_port(request.get_host())
    except DisallowedHost:  # still an error page: the network's
        host = ""
    if host in index["hosts"]:
        return index["hosts"][host]
    slug = request.path.strip("/").split("/", 1)[0]
    return slug if slug in index["pages"] else NETWORK


class _Recorder:
    """Stands in for the request while rendering: collects the inline-style hashes."""


def render_error_pages(static_root=None) -> list[Path]:
    """Write the 500 page of the network and of every outlet, and their index."""
    folder = Path(static_root or settings.STATIC_ROOT) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    index = {"hosts": {}, "pages": {}}
    written = []
    outlets = [None, *Outlet.objects.order_by("slug")]
    with translation.override("id"):
        for outlet in outlets:
            key = outlet.slug if outlet else NETWORK
            recorder = _Recorder()
            html = render_to_string(
                "500.html",
                {
                    "outlet": outlet,
                    "home": _home(outlet),
                    "request": recorder,
                    "LANGUAGE_CODE": "id",
                },
            )
            name = f"500-{key or 'network'}.html"
            (folder / name).write_text(html, encoding="utf-8")
            written.append(folder / name)
            index["pages"][key] = {
                "file": name,
                "style_hashes": getattr(recorder, "csp_style_hashes", []),
            }
            for host in outlet.host_list if outlet else []:
                index["hosts"][host] = key
    (folder / INDEX).write_text(json.dumps(index, indent=1), encoding="utf-8")
    return [*written, folder / INDEX]


def _home(outlet) -> str:
    if outlet is None:
        return "/"
    hosts = outlet.host_list
    # Protocol-relative: the page is the same whether it is served over HTTP or HTTPS.
    return f"//{hosts[0]}/" if hosts else f"/{outlet.slug}/"
