"""What an outlet's pages show besides their own list: the front page's sections, most
read, related stories, and the view counts most read is built from."""

from datetime import date, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils import timezone

from ..models import (
    Article,
    ArticleCredit,
    ArticleViews,
    ListCount,
    Outlet,
    RelatedLink,
    Rubric,
    Tag,
)
from . import hosts
from .prepared import Prepared

LATEST_STORIES = 8  # after the lead story
# Cards and summaries need only the start of a body.
SUMMARY_SOURCE_CHARS = 1000
SECTION_STORIES = 4  # per rubric
MOST_READ = 5
RELATED_STORIES = 4
NETWORK_STORIES = 5  # per outlet, on the network front page
# What a story card prints (templates/site/articles/_article_card.html, the lead story):
# lists read these columns of an article, not its whole row.
CARD_FIELDS = (
    "outlet",
    "rubric__name",
    "title",
    "slug",
    "lead",
    "status",
    "retraction_reason",
    "published_at",
    "published_on",
    "published_date_only",
    "image",
    "image_caption",
    "image_renditions",
    "image_width",
    "image_height",
)


def _credits(ids):
    # Pages print an author's name and link to their page.
    return (
        ArticleCredit.objects.filter(article_id__in=ids)
        .select_related("author")
        .only("article", "role", "author__name", "author__slug")
    )


_credits_of = Prepared(ArticleCredit, _credits, [int])


def with_credits(articles: list) -> list:
    """Give each of `articles` its credits, with their authors, as its `credit_list`, in
    one query."""
    by_id = {}
    for article in articles:
        article.credit_list = []
        by_id[article.pk] = article
    if by_id:
        for credit in _credits_of(list(by_id)):
            by_id[credit.article_id].credit_list.append(credit)
    return articles


_tags_of = Prepared(
    Tag,
    lambda article_id: Tag.objects.filter(articles=article_id).only("name", "slug"),
    int,
)
# "Baca juga" lines; a target readers may not see is shown as plain text.
_links_of = Prepared(
    RelatedLink,
    lambda article_id, now: (
        RelatedLink.objects.filter(article_id=article_id)
        .select_related("target__outlet")
        # A line prints the target's headline and address.
        .only(
            "article",
            "position",
            "headline",
            "target__title",
            "target__slug",
            "target__published_on",
            "target__outlet__slug",
        )
        .annotate(
            is_public=Exists(
                Article.objects.published(now).filter(pk=OuterRef("target_id"))
            )
        )
    ),
    int,
    datetime,
)


def with_page_extras(article: Article) -> Article:
    """Give the article page's article its credits (`credit_list`), tags (`tag_list`)
    and "Baca juga" lines (`link_list`). Corrections are read by the page only for an
    article whose text changed after publication: most pages never need the query."""
    with_credits([article])
    article.tag_list = _tags_of(article.pk)
    article.link_list = _links_of(article.pk, timezone.now())
    return article


def cards(queryset, *more_fields, body_chars=SUMMARY_SOURCE_CHARS):
    """`queryset` reading what a story card prints: `CARD_FIELDS` (and `more_fields`), the
    rubric, and the start of the body for the summary. Give the rows their outlet with
    `of_outlet`.

    The start of the body (`body_start`) is read only for a story without a lead, the
    one summary made from it; the others get an empty one. Cutting a body costs the
    database more than reading the rest of a card's row (a list page's query took twice
    as long with every story's)."""
    return (
        queryset.select_related("rubric")
        .only(*CARD_FIELDS, *more_fields)
        .annotate(
            body_start=Case(
                When(lead="", then=Left("body", body_chars)), default=Value("")
            )
        )
    )


def newest_cards(ids):
    """`cards` of the articles `ids` (a list or a subquery), newest first."""
    return cards(Article.objects.filter(pk__in=ids)).order_by(
        "-published_at", "-created_at"
    )


def of_outlet(outlet, articles: list) -> list:
    """`articles`, all of `outlet`, each holding that outlet (no join, no copy per row)."""
    for article in articles:
        article.outlet = outlet
    return articles


def compiled(queryset) -> tuple[str, tuple]:
    """The SQL and parameters of `queryset`'s ids."""
    return queryset.values("pk").query.sql_with_params()


# An id no row has. Where it lands among a query's parameters is where each part's own
# value goes (ids are parameters, never written into the SQL).
_NO_ID = -1


def compiled_per(queryset, field: str, values, count: int) -> list[tuple[str, tuple]]:
    """`compiled(queryset.filter(field=value)[:count])` for each of `values`, compiled
    once: the parts differ only in the value (a page's sections, a network's outlets)."""
    sql, params = compiled(queryset.filter(**{field: _NO_ID})[:count])
    if list(params).count(_NO_ID) != 1:  # not a lone parameter after all: one by one
        return [compiled(queryset.filter(**{field: v})[:count]) for v in values]
    at = list(params).index(_NO_ID)
    return [(sql, (*params[:at], value, *params[at + 1 :])) for value in values]


def newest_of(parts) -> RawSQL:
    """The ids of each part's first rows (`compiled` querysets), each read from its own
    index and combined in one UNION ALL: a bounded read however big the archive (every
    database here takes it)."""
    sqls, params = [], []
    for sql, part_params in parts:
        sqls.append(f"SELECT * FROM ({sql}) AS part_{len(sqls)}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(sqls), params)


def _front_page_stories(outlet_id, now, rubric_ids):
    published = (
        Article.objects.published(now)
        .filter(outlet_id=outlet_id)
        .order_by("-published_at", "-created_at")
    )
    wanted = newest_of(
        [
            compiled(published[: LATEST_STORIES + 1]),
            *compiled_per(published, "rubric_id", rubric_ids, SECTION_STORIES),
        ]
    )
    return newest_cards(wanted)


_front_page_stories_of = Prepared(Article, _front_page_stories, int, datetime, [int])


def front_page(outlet, rubrics) -> dict:
    """The lead story, the latest ones and each rubric's newest, in one query."""
    stories = of_outlet(
        outlet,
        _front_page_stories_of(outlet.pk, timezone.now(), [r.pk for r in rubrics]),
    )
    # The newest overall are all in the set, so its first rows are the latest.
    top = stories[: LATEST_STORIES + 1]
    # Only the latest print their writers.
    with_credits(top[1:])
    sections = []
    for rubric in rubrics:
        in_rubric = [s for s in stories if s.rubric_id == rubric.pk]
        if in_rubric:
            sections.append((rubric, in_rubric[:SECTION_STORIES]))
    return {"lead": top[0] if top else None, "latest": top[1:], "sections": sections}


def _network_stories(outlet_ids, now):
    published = Article.objects.published(now).order_by("-published_at", "-created_at")
    wanted = newest_of(
        compiled_per(published, "outlet_id", outlet_ids, NETWORK_STORIES)
    )
    return cards(Article.objects.filter(pk__in=wanted)).order_by(
        "outlet_id", "-published_at", "-created_at"
    )


_network_stories_of = Prepared(Article, _network_stories, [int], datetime)
_all_outlets = Prepared(Outlet, lambda: Outlet.objects.all())


def network() -> list[Outlet]:
    """Every outlet, each with its `latest` stories (the network front page)."""
    outlets = _all_outlets()
    by_outlet = {}
    for outlet in outlets:
        outlet.latest = []
        by_outlet[outlet.pk] = outlet
    if outlets:
        for story in _network_stories_of(list(by_outlet), timezone.now()):
            story.outlet = by_outlet[story.outlet_id]
            story.outlet.latest.append(story)
    return outlets


# Most read: the last day's and the last week's.
MOST_READ_PERIODS = (timedelta(hours=24), timedelta(days=7))

_most_read_of = Prepared(
    Article,
    lambda outlet_id, now, since: (
        Article.objects.published(now)
        .filter(outlet_id=outlet_id)
        # A link: what its address and headline need.
        .only("outlet", "title", "slug", "published_on", "published_at")
        .filter(hourly_views__hour__gte=since)
        .annotate(reads=Sum("hourly_views__count"))
        .order_by("-reads", "-published_at")[:MOST_READ]
    ),
    int,
    datetime,
    datetime,
)


def most_read(outlet, *, now: datetime | None = None) -> list[list[Article]]:
    """The outlet's most read stories of each of `MOST_READ_PERIODS`, ranked by reads
    then recency, each with its `reads`."""
    now = now or timezone.now()
    return [
        of_outlet(outlet, _most_read_of(outlet.pk, now, now - period))
        for period in MOST_READ_PERIODS
    ]


_page_rows_of = Prepared(Article, newest_cards, [int])


def page_rows(outlet, ids: list[int]) -> list[Article]:
    """One list page's cards, given their ids, newest first, with their credits."""
    return with_credits(of_outlet(outlet, _page_rows_of(ids)))


# The lists whose length the database keeps (`ListCount`): an outlet's, a rubric's and a
# region's, each read by one query for its length and one for a page's cards.
KEPT_TOPICS = (None, "rubric", "region")


def _kept(model, build, *kinds):
    """`build(outlet_id, {topic: subject_id}, now, *rest)` as one `Prepared` query per
    kept topic, each called as `(outlet_id, [subject_id,] now, *rest)`."""
    queries = {
        None: Prepared(
            model, lambda o, now, *rest: build(o, {}, now, *rest), int, datetime, *kinds
        )
    }
    for topic in KEPT_TOPICS[1:]:
        queries[topic] = Prepared(
            model,
            lambda o, subject, now, *rest, topic=topic: build(
                o, {topic: subject}, now, *rest
            ),
            int,
            int,
            datetime,
            *kinds,
        )
    return queries


def _kept_window(outlet_id, subject, now, offset, limit):
    ids = (
        Article.objects.published(now)
        .filter(outlet_id=outlet_id, **subject)
        .values("pk")[offset : offset + limit]
    )
    return newest_cards(ids)


_kept_windows = _kept(Article, _kept_window, int, int)
_kept_counts = _kept(
    ListCount,
    lambda outlet_id, subject, now: Article.objects.kept_count(
        outlet_id, **subject, now=now
    ),
)


def kept_count(outlet, topic=None, subject=None, *, now) -> int:
    """The length of an outlet's list, or of its rubric's or region's (`topic`,
    `subject`), as `Article.objects.published_count` gives it."""
    rows = _kept_counts[topic](*_kept_values(outlet, subject, now))
    # No row yet: nothing of this list was ever published.
    return rows[0].visible if rows else 0


def kept_window(outlet, topic=None, subject=None, *, now, offset, limit) -> list:
    """The cards of `limit` stories of a kept list from `offset` on, newest first, with
    their credits: a page's rows in one query, its ids an index-only scan."""
    values = _kept_values(outlet, subject, now)
    return with_credits(of_outlet(outlet, _kept_windows[topic](*values, offset, limit)))


def _kept_values(outlet, subject, now):
    return (outlet.pk, *([subject.pk] if subject is not None else []), now)


def with_related_stories(page) -> tuple[Article | None, list[Article]]:
    """The article a one-row queryset selects (None when it selects none) and its
    related stories, in one query."""
    try:
        rows = _with_related_stories(page)
    except EmptyResultSet:  # a lookup no row can match, e.g. a number beyond any id
        return None, []
    return _split_page(rows)


def _with_related_stories(page, now=None):
    # The page's SQL, compiled once, stands for it wherever the query asks about it.
    selected = compiled(page)
    ids = RawSQL(*selected)
    related = _related_to(ids, now or timezone.now())
    return (
        Article.objects.filter(pk__in=newest_of([selected, compiled(related)]))
        .select_related("outlet", "rubric", "region", "editor")
        .annotate(is_page=Q(pk__in=ids))
        .order_by("-published_at", "-pk")
    )


_public_article = Prepared(
    Article,
    lambda outlet_slug, day, slug, now: _with_related_stories(
        Article.objects.on_record(now).filter(
            outlet__slug=outlet_slug, published_on=day, slug=slug
        ),
        now,
    ),
    str,
    date,
    str,
    datetime,
)


def public_article(outlet_slug, day, slug) -> tuple[Article | None, list[Article]]:
    """The article readers open at the address of the outlet `outlet_slug` for `day` and
    `slug` (None when there is none for them) and its related stories, in one query."""
    return _split_page(_public_article(outlet_slug, day, slug, timezone.now()))


def _split_page(rows):
    article = None
    related = []
    for row in rows:
        if row.is_page:
            article = row
        else:
            related.append(row)
    return article, related


def _related_to(ids, now):
    """Newest stories of the outlet on the article's rubric, region or tags, less the
    article and the stories its "Baca juga" lines already name."""
    article = Article.objects.filter(pk__in=ids)
    through = Article.tags.through.objects
    tags = through.filter(article_id__in=ids).values("tag_id")
    # A scalar subquery, checked for each row the walk down the outlet's newest stories
    # meets: as `IN` or `EXISTS`, PostgreSQL would first hash every story of the article's
    # tags (thousands for a common tag, 3 ms).
    shared_tags = Subquery(
        through.filter(article_id=OuterRef("pk"), tag_id__in=tags)
        .order_by()
        .values("article_id")
        .annotate(shared=Count("*"))
        .values("shared")
    )
    near = (
        Q(rubric_id__in=article.values("rubric_id"))
        | Q(region_id__in=article.values("region_id"))
        | Q(shared_tags__gt=0)
    )
    linked = RelatedLink.objects.filter(article_id__in=ids, target__isnull=False)
    return (
        Article.objects.published(now)
        .alias(shared_tags=shared_tags)
        .filter(near, outlet_id__in=article.values("outlet_id"))
        .exclude(pk__in=ids)
        .exclude(pk__in=linked.values("target_id"))
        .order_by("-published_at", "-pk")[:RELATED_STORIES]
    )


def rubric_menu(outlet) -> list[Rubric]:
    """The outlet's rubrics, in menu order: from the outlet directory, no query."""
    menu = hosts.directory().menus.get(outlet.pk)
    # An outlet added in the last minutes may not be in the directory yet.
    return menu if menu is not None else list(outlet.rubrics.all())


def count_view(article_id: int, *, at: datetime | None = None) -> None:
    """Add one view to the article's bucket for this clock hour."""
    hour = (at or timezone.now()).replace(minute=0, second=0, microsecond=0)
    bucket = ArticleViews.objects.filter(article_id=article_id, hour=hour)
    if bucket.update(count=F("count") + 1):
        return
    # The hour's first view opens the bucket, unless another reader just did (no
    # savepoint and no error to catch), then counts.
    ArticleViews.objects.bulk_create(
        [ArticleViews(article_id=article_id, hour=hour)], ignore_conflicts=True
    )
    bucket.update(count=F("count") + 1)
