from django.urls import include, path

from articles.site.urls import common_routes

urlpatterns = [*common_routes, path("", include("articles.site.urls"))]

handler404 = "articles.site.errors.page_not_found"
handler500 = "articles.site.errors.server_error"
