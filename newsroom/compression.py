"""Text responses gzipped for browsers that accept them; photos and files as they are.

A reader's page is 30-45 KB of HTML, about 5 KB gzipped: on a phone's slow connection
that is most of the wait before the first paint. Static files come compressed from
WhiteNoise (collectstatic writes .gz and .br copies), and photos are compressed already.
Django's GZipMiddleware pads each response with random bytes against BREACH.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").partition(";")[0].strip()
        if not content_type.lower().startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
