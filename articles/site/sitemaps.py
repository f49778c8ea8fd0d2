"""Sitemaps: an index of outlet homes and articles, and a Google News sitemap.

A sitemap may only name URLs of the host it is served from, and should name canonical
ones: an outlet's own host lists that outlet only, and the network host lists the
outlets that have no host of their own.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemaps_views
from django.utils import timezone

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

    def items(self):
        return self.scoped(
            Article.objects.published()
            .select_related("outlet")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, article):
        return article.modified_at


class NewsSitemap(ArticleSitemap):
    """Google News: only what was published in the last two days."""

    changefreq = None
    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return super().items().filter(published_at__gte=since)


def _sections(request):
    outlet = getattr(request, "outlet", None)
    return {"outlets": OutletSitemap(outlet), "articles": ArticleSitemap(outlet)}


def index(request):
    return sitemaps_views.index(
        request, _sections(request), sitemap_url_name="sitemaps"
    )


def section(request, section):
    return sitemaps_views.sitemap(request, _sections(request), section=section)


def news(request):
    news_sitemap = NewsSitemap(getattr(request, "outlet", None))
    return sitemaps_views.sitemap(
        request, {"news": news_sitemap}, template_name="sitemaps/news.xml"
    )
