import re

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path, register_converter

from ..models import OutletPageKind
from . import feeds, sitemaps, views

app_name = "articles"

# Served on the network host and on every outlet host alike (see site.routing).
common_routes = [
    # A new colleague's one-time link (made by the people admin: there is no mail server).
    path(
        "admin/kata-sandi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/kata-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemaps"),
    path("news-sitemap.xml", sitemaps.news, name="news_sitemap"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
]
# Uploads on disk (no MEDIA_S3_BUCKET) are served by the app, in production too; from a
# bucket they have their own addresses.
if settings.STORAGES["default"]["BACKEND"].endswith(".FileSystemStorage"):
    common_routes.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$",
            views.media_file,
            name="media",
        )
    )


class TwoDigits:
    """`06`: month and day stay zero-padded both ways."""

    regex = r"[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


class Year(TwoDigits):
    """`2024`: four digits, so no year reaches `date()` out of its range."""

    regex = r"[0-9]{4}"

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(TwoDigits, "dd")
register_converter(Year, "yyyy")


class NewsroomPage:
    """`redaksi`, `kontak`...: the newsroom's own pages, and nothing else."""

    regex = "|".join(OutletPageKind.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(NewsroomPage, "page")


def outlet_routes(prefix: str, **defaults) -> list:
    """Every outlet page under `prefix` (`<slug:outlet>/`, or "" on the outlet's own host)."""
    extra = defaults or None
    lists = views.ArticleListView
    return [
        path(f"{prefix}", views.outlet_home, extra, name="outlet"),
        path(f"{prefix}baca/<int:pk>/", views.count_read, extra, name="count_read"),
        path(
            f"{prefix}<page:kind>/",
            views.NewsroomPageView.as_view(),
            extra,
            name="page",
        ),
        path(f"{prefix}cari/", views.SearchView.as_view(), extra, name="search"),
        path(f"{prefix}feed/", feeds.OutletFeed(), extra, name="feed"),
        path(f"{prefix}feed/atom/", feeds.OutletAtomFeed(), extra, name="feed_atom"),
        path(
            f"{prefix}rubrik/<slug:slug>/",
            lists.as_view(topic="rubric"),
            extra,
            name="rubric",
        ),
        path(
            f"{prefix}rubrik/<slug:slug>/feed/",
            feeds.RubricFeed(),
            extra,
            name="rubric_feed",
        ),
        path(
            f"{prefix}wilayah/<slug:slug>/",
            lists.as_view(topic="region"),
            extra,
            name="region",
        ),
        path(
            f"{prefix}tag/<slug:slug>/", lists.as_view(topic="tag"), extra, name="tag"
        ),
        path(
            f"{prefix}penulis/<slug:slug>/",
            lists.as_view(topic="author"),
            extra,
            name="author",
        ),
        # Article.get_absolute_url writes this address without reversing it: change
        # both together (tests/test_public_templates.py checks that they agree).
        path(
            f"{prefix}<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
            views.ArticleDetailView.as_view(),
            extra,
            name="detail",
        ),
    ]


network_routes = [
    path("", views.NetworkView.as_view(), name="network"),
    path("pratinjau/<int:pk>/", views.PreviewView.as_view(), name="preview"),
]

urlpatterns = [*network_routes, *outlet_routes("<slug:outlet>/")]
