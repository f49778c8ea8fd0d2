"""Outlets on their own hostnames: the same pages without the `/<outlet>` prefix.

`OutletHostMiddleware` gives a request for an outlet's host that outlet's URLconf, in
which every outlet route has `outlet=<slug>` as a default. Django reverses with the
request's URLconf, so `reverse("articles:detail", kwargs={"outlet": slug, ...})` yields
the prefix-less path on the outlet's own host and `/<slug>/...` everywhere else.
"""

import functools

from django.conf import settings
from django.http.request import split_domain_port
from django.urls import include, path, register_converter
from django.utils import translation
from django.views.generic import RedirectView

from . import urls
from .hosts import outlet_on_host


class OtherOutletConverter:
    """An outlet slug other than the host's own: its pages keep the `/<outlet>` prefix.

    Refusing the own slug in `to_url` makes reversing fall through to the prefix-less
    routes; refusing it in `to_python` gives the own pages a single address.
    """

    regex = "[-a-zA-Z0-9_]+"
    own = ""

    def to_python(self, value):
        if value == self.own:
            raise ValueError(value)
        return value

    def to_url(self, value):
        if value == self.own:
            raise ValueError(value)
        return value


class HostURLConf:
    """A URLconf object for one outlet's host (hashable, so Django caches its resolver)."""

    handler404 = "articles.site.errors.page_not_found"
    handler500 = "articles.site.errors.server_error"

    def __init__(self, slug: str):
        converter = f"outlet-other-than-{slug}"
        register_converter(
            type("OtherOutlet", (OtherOutletConverter,), {"own": slug}), converter
        )
        # Old prefixed links to the outlet's own pages move to their prefix-less address.
        to_bare = RedirectView.as_view(
            url="/%(rest)s", permanent=True, query_string=True
        )
        routes = [
            *urls.outlet_routes("", outlet=slug),
            *urls.network_routes,
            path(f"{slug}/", to_bare, {"rest": ""}),
            path(f"{slug}/<path:rest>", to_bare),
            *urls.outlet_routes(f"<{converter}:outlet>/"),
        ]
        self.urlpatterns = [
            *urls.common_routes,
            path("", include((routes, urls.app_name))),
        ]


@functools.cache
def host_urlconf(slug: str) -> HostURLConf:
    return HostURLConf(slug)


class OutletHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host, _ = split_domain_port(request.get_host())
        # The network's own hosts never need the lookup.
        if host and host not in settings.NETWORK_HOSTS:
            outlet = outlet_on_host(host)
            if outlet is not None:
                request.outlet = outlet
                request.urlconf = host_urlconf(outlet.slug)
        return self.get_response(request)


class PublicLanguageMiddleware:
    """The outlets publish in Indonesian: their pages ignore the browser's language.

    Placed before `LocaleMiddleware`, so the admin (and anything outside the public
    `articles` namespace) keeps following the browser and the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_public_language", False):
            # Every reader gets the same page: caches need not key on the language.
            vary = [
                v.strip()
                for v in response.get("Vary", "").split(",")
                if v.strip() and v.strip().lower() != "accept-language"
            ]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif "Vary" in response:
                del response["Vary"]
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "articles" in request.resolver_match.namespaces:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            request._public_language = True
