from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("pratinjau/<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("<slug:outlet>/", views.OutletView.as_view(), name="outlet"),
    path(
        "<slug:outlet>/penulis/<slug:slug>/", views.OutletView.as_view(), name="author"
    ),
    path(
        "<slug:outlet>/<int:year>/<str:month>/<str:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]
