"""Sitemaps: an index of outlet homes and articles, and a Google News sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from .models import Article, Outlet


class OutletSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Outlet.objects.order_by("slug")


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("outlet")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, article):
        return article.modified_at


class NewsSitemap(Sitemap):
    """Google News: only what was published in the last two days."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .select_related("outlet")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, article):
        return article.modified_at


SITEMAPS = {"outlets": OutletSitemap, "articles": ArticleSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}
