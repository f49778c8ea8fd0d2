"""Request-level security pieces the settings point to: client address, browser features."""

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip(request) -> str:
    """The reader's address: the proxy's last X-Forwarded-For entry when one is trusted.

    Only the entry the trusted proxy appended is believed; earlier ones come from the
    client and may be anything.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if forwarded[-1].strip():
            return forwarded[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


# Features no page of the newsroom uses; a script injected somehow cannot ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Sends `Permissions-Policy` (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked login: the admin's look, in the desk's language."""
    context = {
        **admin.site.each_context(request),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, also allowing the inline styles a page declared by hash
    (`{% call inline_style() %}` in articles.site.jinja, and the pre-rendered 500 page)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        hashes = getattr(request, "csp_style_hashes", None)
        if hashes and not report_only:
            update = dict(parts.update or {})
            known = update.get("style-src", [])
            update["style-src"] = [*known, *(h for h in hashes if h not in known)]
            parts.update = update
        return parts


class InlineStyleHashesMiddleware:
    """Pins the page's style hashes on the response itself, inside the page cache, so a
    page served from the cache (no template rendered) keeps them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        hashes = getattr(request, "csp_style_hashes", None)
        if hashes:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["style-src"] = [*update.get("style-src", []), *hashes]
            response._csp_update = update
        return response


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend, quiet when there is no request (code calling authenticate(),
    the test client's login): with no client address there is nothing to count."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
