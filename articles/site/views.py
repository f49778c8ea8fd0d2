"""Public pages of the outlet sites, and the staff preview."""

from datetime import date

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from ..images import cache_control
from ..models import (
    Article,
    ArticleCredit,
    Author,
    OutletPage,
    OutletPageKind,
    Region,
    Rubric,
    Tag,
)
from . import newsroom, portal, search
from .filters import ArticleFilter
from .hosts import outlet_for

# The subject of /<outlet>/{rubrik,wilayah,tag,penulis}/<slug>/ and how articles point to it.
TOPIC_MODELS = {"region": Region, "tag": Tag}
TOPIC_FIELDS = {"rubric": "rubric", "region": "region", "tag": "tags"}


class NetworkView(ListView):
    """The network front page: every outlet with its latest stories."""

    template_name = "articles/outlet_list.html"

    def get_queryset(self):
        return portal.network()


class IdFirstPaginator(Paginator):
    """Numbered pages whose cost does not grow with the page number.

    A deep page's OFFSET walks the ids alone (an index-only scan of the list's index);
    only the page's own rows are then read, by id, built by `rows`. A search gives a
    list of ids instead (at most `search.LIMIT` + 1, best first), whose length is the
    count. A list whose length the database keeps gives its `count`, taken instead of
    counting the list, and its `window(offset, limit)`, which reads a page's ids and
    rows in one query.
    """

    def __init__(
        self, object_list, per_page, *, rows=None, window=None, count=None, **kwargs
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = rows
        self.window = window
        if count is not None:
            # Paginator.count is a cached property: this is its value, never computed.
            self.count = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.window is not None:
            return self._get_page(self.window(bottom, top - bottom), number, self)
        ids = self.object_list
        if not isinstance(ids, list):
            ids = ids.values_list("pk", flat=True)
        return self._get_page(self.rows(list(ids[bottom:top])), number, self)


class ArticleListView(FilterView):
    """An outlet's home, and its rubric, region, tag and author pages."""

    filterset_class = ArticleFilter
    template_name = "articles/article_list.html"
    paginate_by = 20
    topic = None  # "rubric", "region", "tag" or "author": the page's own subject.
    # The lists whose length the database keeps (ListCount): an outlet's, a rubric's and
    # a region's, unfiltered. Tag and author lists and filtered ones are counted (their
    # filters bound them).
    kept_topics = frozenset(portal.KEPT_TOPICS)

    def get(self, request, *args, **kwargs):
        # One present moment for the list and its count.
        self.now = timezone.now()
        self.outlet = outlet_for(request, kwargs["outlet"])
        self.rubrics = portal.rubric_menu(self.outlet)
        self.subject = self.get_subject()
        return super().get(request, *args, **kwargs)

    def get_subject(self):
        slug = self.kwargs.get("slug")
        if self.topic == "rubric":
            rubric = next((r for r in self.rubrics if r.slug == slug), None)
            # A rubric added in the last minute may not be in the cached menu yet.
            return rubric or get_object_or_404(Rubric, outlet=self.outlet, slug=slug)
        if self.topic == "author":
            return get_object_or_404(Author, slug=slug)
        if self.topic:
            # Regions and tags belong to an outlet: another outlet's slug is not found here.
            return get_object_or_404(
                TOPIC_MODELS[self.topic], outlet=self.outlet, slug=slug
            )
        return None

    def get_queryset(self):
        if self.topic in self.kept_topics and not self.has_filters():
            # Read a page at a time by `kept_window`: nothing for the filters to narrow.
            return Article.objects.none()
        # The list's ids: `page_rows` reads the rows of one page.
        articles = Article.objects.published(self.now).filter(outlet=self.outlet)
        if self.topic == "author":
            # A subquery, not a join: one author may hold two roles on the same article.
            credited = ArticleCredit.objects.filter(author=self.subject)
            return articles.filter(pk__in=credited.values("article_id"))
        if self.topic:
            return articles.filter(**{TOPIC_FIELDS[self.topic]: self.subject})
        return articles

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.topic in self.kept_topics and not self.is_filtered():
            return IdFirstPaginator(
                queryset,
                per_page,
                window=self.kept_window,
                count=portal.kept_count(
                    self.outlet, self.topic, self.subject, now=self.now
                ),
                **kwargs,
            )
        return IdFirstPaginator(queryset, per_page, rows=self.page_rows, **kwargs)

    def kept_window(self, offset, limit):
        return portal.kept_window(
            self.outlet,
            self.topic,
            self.subject,
            now=self.now,
            offset=offset,
            limit=limit,
        )

    def has_filters(self) -> bool:
        """Whether the query string gives any filter a value (`page` is no filter)."""
        return any(
            self.request.GET.get(name) for name in self.filterset_class.base_filters
        )

    def is_filtered(self):
        # `page` is no filter; an invalid filter shows an empty list, however long.
        filterset = self.filterset
        return filterset.is_bound and not (
            filterset.is_valid() and not any(filterset.form.cleaned_data.values())
        )

    def search_text(self):
        valid = self.filterset.is_valid()
        return self.filterset.form.cleaned_data.get("q") if valid else ""

    def page_rows(self, ids):
        """The articles of one page, given their ids, in the list's order (a search's:
        best first)."""
        text = self.search_text()
        if not text:
            return portal.page_rows(self.outlet, ids)
        rows = search.highlighted(portal.cards, ids, text)
        return portal.with_credits(portal.of_outlet(self.outlet, rows))

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["rubrics"] = self.rubrics
        if not self.has_filters():
            # Only a page number, or empty fields: an unbound form, nothing to validate.
            kwargs["data"] = None
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outlet=self.outlet,
            rubrics=self.rubrics,
            topic=self.topic,
            subject=self.subject,
            **kwargs,
        )


class OutletHomeView(TemplateView):
    """`/<outlet>/` as a news portal: lead story, latest, rubric sections, most read.

    With filters in its query string the same address is the filtered list instead.
    """

    template_name = "articles/outlet_home.html"

    def get_context_data(self, **kwargs):
        outlet = outlet_for(self.request, kwargs.pop("outlet"))
        rubrics = portal.rubric_menu(outlet)
        day, week = portal.most_read(outlet)
        return super().get_context_data(
            outlet=outlet,
            rubrics=rubrics,
            is_home=True,
            most_read_day=day,
            most_read_week=week,
            **portal.front_page(outlet, rubrics),
            **kwargs,
        )


_home = OutletHomeView.as_view()
_filtered_home = ArticleListView.as_view()


def outlet_home(request, *args, **kwargs):
    view = _filtered_home if request.GET else _home
    return view(request, *args, **kwargs)


class NewsroomPageView(TemplateView):
    """Tentang Kami, Redaksi, Kontak, Pedoman Media Siber, Disclaimer of one outlet."""

    template_name = "articles/outlet_page.html"

    def get_context_data(self, **kwargs):
        outlet = outlet_for(self.request, kwargs.pop("outlet"))
        kind = OutletPageKind(kwargs.pop("kind"))
        page = OutletPage.objects.filter(outlet=outlet, kind=kind).first()
        return super().get_context_data(
            outlet=outlet,
            rubrics=portal.rubric_menu(outlet),
            kind=kind,
            page_kind=kind.value,
            paragraphs=newsroom.paragraphs(page.body if page else "")
            or newsroom.default_paragraphs(outlet, kind),
            masthead=newsroom.masthead(outlet)
            if kind == OutletPageKind.MASTHEAD
            else [],
            **kwargs,
        )


# One view counted per reader, article and half hour (no cookie: by address), and at
# most a few hundred an hour from one address, so a script cannot fill "most read".
REPEAT_READ_SECONDS = 30 * 60
READS_PER_ADDRESS_HOUR = 300


@csrf_exempt
@require_POST
def count_read(request, outlet, pk):
    """The article page's own beacon: one more view in this hour's bucket.

    Pages may come from a cache, so the count is a separate same-origin request made by
    static/js/reader.js; the page's own request never writes.
    """
    reader = request.META.get("REMOTE_ADDR", "")
    if cache.add(f"read:{reader}:{pk}", True, REPEAT_READ_SECONDS) and (
        _reads_this_hour(reader) <= READS_PER_ADDRESS_HOUR
    ):
        published = Article.objects.published().filter(pk=pk, outlet__slug=outlet)
        if published.exists():
            portal.count_view(pk)
    return HttpResponse(status=204)


def _reads_this_hour(reader: str) -> int:
    key = f"reads:{reader}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 3600)
    return cache.incr(key)


class SearchView(ArticleListView):
    """`/<outlet>/cari/?q=`: the list filters, ranked by relevance to the words asked."""

    kept_topics = frozenset()  # a search's list is its results, even with no words yet

    def get_queryset(self):
        if not self.request.GET.get("q", "").strip():
            return Article.objects.none()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_search=True,
            query=self.request.GET.get("q", ""),
            search_limit=search.LIMIT,
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """An article page; retracted ones keep their page, drafts and scheduled are 404."""

    template_name = "articles/article_detail.html"

    def load(self):
        try:
            day = date(
                int(self.kwargs["year"]),
                int(self.kwargs["month"]),
                int(self.kwargs["day"]),
            )
        except (ValueError, OverflowError) as exc:
            raise Http404 from exc
        self.object, self.related_stories = portal.public_article(
            self.kwargs["outlet"], day, self.kwargs["slug"]
        )
        if self.object is None:
            raise Http404

    def get(self, request, *args, **kwargs):
        self.load()
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
        article = portal.with_page_extras(self.object)
        context = self.get_context_data(
            object=article,
            outlet=article.outlet,
            rubrics=portal.rubric_menu(article.outlet),
            related_stories=self.related_stories,
            **extra,
        )
        return self.render_to_response(context)


@method_decorator(never_cache, name="dispatch")
class PreviewView(LoginRequiredMixin, ArticleDetailView):
    """`/pratinjau/<pk>/`: staff see any article they may open, in its outlet's style."""

    def get_queryset(self):
        # Exactly what the desk lists: never more than the admin would open.
        return Article.objects.on_desk(self.request.user)

    def load(self):
        self.object, self.related_stories = portal.with_related_stories(
            self.get_queryset().filter(pk=self.kwargs["pk"])
        )
        if self.object is None:
            raise Http404

    def get(self, request, *args, **kwargs):
        self.load()
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


def media_file(request, path):
    """An upload from MEDIA_ROOT, for photos kept on disk rather than in a bucket.

    Django's `static.serve` answers (safe paths only, no listings, 304 on
    If-Modified-Since); this adds how long the file may be kept.
    """
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = cache_control(path)
    return response
