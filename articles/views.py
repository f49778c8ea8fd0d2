"""Public pages. (Minimal until the public-site work lands.)"""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Article, Outlet


class OutletView(ListView):
    template_name = "articles/article_list.html"
    paginate_by = 20

    def get_queryset(self):
        self.outlet = get_object_or_404(Outlet, slug=self.kwargs["outlet"])
        return (
            Article.objects.published()
            .filter(outlet=self.outlet)
            .select_related("outlet")
        )


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.visible_to(self.request.user).select_related("outlet"),
            outlet__slug=self.kwargs["outlet"],
            published_on__year=self.kwargs["year"],
            published_on__month=self.kwargs["month"],
            published_on__day=self.kwargs["day"],
            slug=self.kwargs["slug"],
        )


class PreviewView(DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).select_related("outlet")
