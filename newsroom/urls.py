from django.urls import include, path

from articles.site.urls import common_routes

urlpatterns = [*common_routes, path("", include("articles.site.urls"))]
