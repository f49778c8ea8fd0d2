from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import sitemaps
from articles.views import RobotsView

# Shared by the network host and every outlet host (see articles.hosts).
site_urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemaps"),
    path("news-sitemap.xml", sitemaps.news, name="news_sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]

if settings.DEBUG:
    site_urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns = [*site_urlpatterns, path("", include("articles.urls"))]
