"""Public pages of the outlet sites, and the staff preview."""

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from ..models import (
    Article,
    ArticleCredit,
    Author,
    Outlet,
    Region,
    RelatedLink,
    Tag,
)
from .filters import ArticleFilter
from .hosts import outlet_for

FRONT_PAGE_STORIES = 5
# The subject of /<outlet>/{rubrik,wilayah,tag,penulis}/<slug>/ and how articles point to it.
TOPIC_MODELS = {"region": Region, "tag": Tag}
TOPIC_FIELDS = {"rubric": "rubric", "region": "region", "tag": "tags"}


def _credits():
    return Prefetch("credits", queryset=ArticleCredit.objects.select_related("author"))


def _page_prefetches():
    return [
        _credits(),
        "tags",
        # "Baca juga" lines; a target readers may not see is shown as plain text.
        Prefetch(
            "related_links",
            queryset=RelatedLink.objects.select_related("target__outlet").annotate(
                is_public=Exists(
                    Article.objects.published().filter(pk=OuterRef("target_id"))
                )
            ),
        ),
        "corrections",
    ]


class NetworkView(ListView):
    """The network front page: every outlet with its latest stories."""

    template_name = "articles/outlet_list.html"

    def get_queryset(self):
        outlets = list(Outlet.objects.all())
        latest = (
            Article.objects.published()
            .annotate(
                position=Window(
                    RowNumber(),
                    partition_by=F("outlet_id"),
                    order_by=F("published_at").desc(),
                )
            )
            .filter(position__lte=FRONT_PAGE_STORIES)
            .order_by("outlet_id", "position")
        )
        by_outlet = {outlet.pk: outlet for outlet in outlets}
        for outlet in outlets:
            outlet.latest = []
        for article in latest:
            article.outlet = by_outlet[article.outlet_id]
            article.outlet.latest.append(article)
        return outlets


class ArticleListView(FilterView):
    """An outlet's home, and its rubric, region, tag and author pages."""

    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    paginate_by = 20
    topic = None  # "rubric", "region", "tag" or "author": the page's own subject.

    def get(self, request, *args, **kwargs):
        self.outlet = outlet_for(request, kwargs["outlet"])
        self.rubrics = list(self.outlet.rubrics.all())
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def get_subject(self):
        slug = self.kwargs.get("slug")
        if self.topic == "rubric":
            rubric = next((r for r in self.rubrics if r.slug == slug), None)
            if rubric is None:
                raise Http404
            return rubric
        if self.topic == "author":
            return get_object_or_404(Author, slug=slug)
        if self.topic:
            # Regions and tags belong to an outlet: another outlet's slug is not found here.
            return get_object_or_404(
                TOPIC_MODELS[self.topic], outlet=self.outlet, slug=slug
            )
        return None

    def get_queryset(self):
        articles = (
            Article.objects.published()
            .filter(outlet=self.outlet)
            .select_related("outlet", "rubric", "region")
            .prefetch_related(_credits())
        )
        if self.topic == "author":
            # A subquery, not a join: one author may hold two roles on the same article.
            credited = ArticleCredit.objects.filter(author=self.subject)
            return articles.filter(pk__in=credited.values("article_id"))
        if self.topic:
            return articles.filter(**{TOPIC_FIELDS[self.topic]: self.subject})
        return articles

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["rubrics"] = self.rubrics
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outlet=self.outlet,
            rubrics=self.rubrics,
            topic=self.topic,
            subject=self.subject,
            **kwargs,
        )


class SearchView(ArticleListView):
    """`/<outlet>/cari/?q=`: the list filters, ranked by relevance to the words asked."""

    def get_queryset(self):
        if not self.request.GET.get("q", "").strip():
            return Article.objects.none()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_search=True, query=self.request.GET.get("q", ""), **kwargs
        )


class ArticleDetailView(DetailView):
    """An article page; retracted ones keep their page, drafts and scheduled are 404."""

    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.on_record().select_related(
            "outlet", "rubric", "region", "editor"
        )

    def get_object(self, queryset=None):
        try:
            day = date(
                int(self.kwargs["year"]),
                int(self.kwargs["month"]),
                int(self.kwargs["day"]),
            )
        except (ValueError, OverflowError) as exc:
            raise Http404 from exc
        host_outlet = getattr(self.request, "outlet", None)
        outlet = (
            {"outlet": host_outlet}
            if host_outlet and host_outlet.slug == self.kwargs["outlet"]
            else {"outlet__slug": self.kwargs["outlet"]}
        )
        return get_object_or_404(
            self.get_queryset(), published_on=day, slug=self.kwargs["slug"], **outlet
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # Answer a repeat visit before loading credits, tags and links or rendering.
        # The validators follow the article's own row: a "Baca juga" story retracted
        # later drops out of the page only when this article next changes.
        changed = max(
            filter(None, [self.object.updated_at, self.object.content_modified_at])
        )
        etag = quote_etag(
            f"{self.object.pk}.{self.object.version}.{changed.timestamp():.0f}.{get_language()}"
        )
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(changed.timestamp())
        )
        if not_modified is not None:
            return not_modified
        response = self.render_page()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed.timestamp())
        return response

    def render_page(self, **extra):
        prefetch_related_objects([self.object], *_page_prefetches())
        context = self.get_context_data(
            object=self.object, outlet=self.object.outlet, **extra
        )
        return self.render_to_response(context)


@method_decorator(never_cache, name="dispatch")
class PreviewView(LoginRequiredMixin, ArticleDetailView):
    """`/pratinjau/<pk>/`: staff see any article they may open, in its outlet's style."""

    def get_queryset(self):
        # Exactly what the desk lists: never more than the admin would open.
        return Article.objects.on_desk(self.request.user).select_related(
            "outlet", "rubric", "region", "editor"
        )

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_page(is_preview=True)
        response["X-Robots-Tag"] = "noindex"
        return response


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=3600)
        return response
