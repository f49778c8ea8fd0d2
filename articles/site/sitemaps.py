"""Sitemaps: an index of outlet homes and articles, and a Google News sitemap.

A sitemap may only name URLs of the host it is served from, and should name canonical
ones: an outlet's own host lists that outlet only, and the network host lists the
outlets that have no host of their own.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from ..models import Article, Outlet


class OutletScopedSitemap(Sitemap):
    def __init__(self, outlet=None):
        self.outlet = outlet

    def scoped(self, queryset, prefix="outlet__"):
        if self.outlet is None:
            return queryset.filter(**{f"{prefix}hostnames": ""})
        return queryset.filter(**{f"{prefix}pk": self.outlet.pk})


class OutletSitemap(OutletScopedSitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return self.scoped(Outlet.objects.order_by("slug"), prefix="")


class ArticleSitemap(OutletScopedSitemap):
    changefreq = "weekly"
    limit = 5000
    fields = (
        "slug",
        "published_on",
        "published_at",
        "content_modified_at",
        "outlet__slug",
        "outlet__time_zone",
    )

    # The section's length is its outlets' list lengths as the database keeps them
    # (`published_total`), not a count of the archive (30 ms at 100,000 articles, twice
    # for each page of the section).
    counts_kept = True

    @property
    def paginator(self):
        paginator = super().paginator
        if self.counts_kept:
            # Paginator.count is a cached property: this is its value, never computed.
            paginator.count = self.kept_length
        return paginator

    @cached_property
    def kept_length(self) -> int:
        # The outlets as a subquery of the counts, as scoped for the entries.
        outlets = self.scoped(Outlet.objects.all(), prefix="")
        return Article.objects.published_total(outlets)

    def items(self):
        return self.scoped(
            Article.objects.published()
            .select_related("outlet")
            # What an entry prints: the address, the last change in the outlet's zone,
            # and for Google News the outlet's name and the title (5,000 rows a page).
            .only(*self.fields)
            .order_by("-published_at", "pk")
        )

    def lastmod(self, article):
        return article.modified_at


class NewsSitemap(ArticleSitemap):
    """Google News: only what was published in the last two days."""

    changefreq = None
    limit = 1000
    counts_kept = False  # two days of stories: counted
    fields = (*ArticleSitemap.fields, "title", "outlet__name")

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return super().items().filter(published_at__gte=since)


class NetworkSitemap(Sitemap):
    """The network front page, on the network host only."""

    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["articles:network"]

    def location(self, name):
        return reverse(name)


def _sections(request):
    outlet = getattr(request, "outlet", None)
    sections = {"outlets": OutletSitemap(outlet), "articles": ArticleSitemap(outlet)}
    if outlet is None:
        sections = {"network": NetworkSitemap(), **sections}
    return sections


def _has_entries(sitemap) -> bool:
    return sitemap.paginator.count > 0


def index(request):
    """Only sitemaps with entries: an empty `urlset` fails the sitemaps.org schema.

    No `lastmod` per sitemap: finding it would read every article of the section.
    """
    outlet = getattr(request, "outlet", None)
    locations = []
    for name, sitemap in _sections(request).items():
        # `Sitemap.paginator` is a new paginator, with a new count, on every access.
        paginator = sitemap.paginator
        if paginator.count:
            path = reverse("sitemaps", kwargs={"section": name})
            locations.append(path)
            pages = range(2, paginator.num_pages + 1)
            locations += [f"{path}?p={page}" for page in pages]
    if _has_entries(NewsSitemap(outlet)):
        locations.append(reverse("news_sitemap"))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {
            "sitemaps": [
                SitemapIndexItem(request.build_absolute_uri(path), None)
                for path in locations
            ]
        },
        content_type="application/xml",
    )


def section(request, section):
    sitemap = _sections(request).get(section)
    if sitemap is None or not _has_entries(sitemap):
        raise Http404
    return sitemaps_views.sitemap(
        request, {section: sitemap}, template_name="sitemaps/sitemap.xml"
    )


def news(request):
    news_sitemap = NewsSitemap(getattr(request, "outlet", None))
    if not _has_entries(news_sitemap):
        # A quiet outlet has no news sitemap until it publishes again.
        raise Http404
    return sitemaps_views.sitemap(
        request, {"news": news_sitemap}, template_name="sitemaps/news.xml"
    )
