"""Each benchmarked page's data floor: what it costs to read a page's data, with no HTML.

`/_floor/?of=<a page's path>&bytes=<its length>` resolves the page's address, makes the
calls its view makes to read what the page shows (the same `portal`, `search` and feed
functions, so the same queries with the same values), and answers with as many bytes
as the page, rendering nothing. Its requests/s as a share of the ceiling's is the most
that page could reach if its view and template cost nothing; the page's own share, next
to it, shows what the view and template take. Added only by the benchmark's URLconf
(bench/site_urls.py), never by the product's.
"""

from datetime import date
from urllib.parse import parse_qs, urlsplit

from django.http import Http404, HttpResponse
from django.urls import resolve
from django.utils import timezone

from articles.models import Article
from articles.site import feeds, portal, search
from articles.site.hosts import outlet_for
from articles.site.views import ArticleListView

PER_PAGE = ArticleListView.paginate_by


def floor(request):
    target = urlsplit(request.GET["of"])
    match = resolve(target.path)
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    read = READS.get(match.url_name)
    if read is None:
        raise Http404(f"no floor for {match.url_name}")
    read(request, query, **match.kwargs)
    return HttpResponse(b"x" * int(request.GET.get("bytes", "0")))


def _network(request, query):
    portal.network()


def _article(request, query, outlet, year, month, day, slug):
    article, _ = portal.public_article(
        outlet, date(int(year), int(month), int(day)), slug
    )
    portal.with_page_extras(article)


def _outlet(request, query, outlet):
    outlet = outlet_for(request, outlet)
    if query:  # a page number: the list at the same address (no filter is read)
        return _list(outlet, None, None, int(query.get("page", 1)))
    rubrics = portal.rubric_menu(outlet)
    portal.most_read(outlet)
    portal.front_page(outlet, rubrics)


def _rubric(request, query, outlet, slug):
    outlet = outlet_for(request, outlet)
    rubric = next(r for r in portal.rubric_menu(outlet) if r.slug == slug)
    _list(outlet, "rubric", rubric, int(query.get("page", 1)))


def _list(outlet, topic, subject, page):
    now = timezone.now()
    count = portal.kept_count(outlet, topic, subject, now=now)
    offset = (page - 1) * PER_PAGE
    limit = min(PER_PAGE, count - offset)  # the last page's rest, as the paginator asks
    portal.kept_window(outlet, topic, subject, now=now, offset=offset, limit=limit)


def _search(request, query, outlet):
    outlet = outlet_for(request, outlet)
    text = query["q"]
    listed = Article.objects.published(timezone.now()).filter(outlet=outlet)
    ids = search.search(listed, text)
    page = int(query.get("page", 1))
    shown = ids[(page - 1) * PER_PAGE : page * PER_PAGE]
    rows = search.highlighted(portal.cards, shown, text)
    portal.with_credits(portal.of_outlet(outlet, rows))


def _feed(request, query, outlet):
    outlet = outlet_for(request, outlet)
    feeds.OutletFeed().items(outlet)


READS = {
    "network": _network,
    "detail": _article,
    "outlet": _outlet,
    "rubric": _rubric,
    "search": _search,
    "feed": _feed,
}
