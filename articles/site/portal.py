"""What an outlet's pages show besides their own list: the front page's sections, most
read, related stories, and the view counts most read is built from."""

from datetime import datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db.models import (
    F,
    Prefetch,
    Q,
    Sum,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils import timezone

from ..models import Article, ArticleCredit, ArticleViews, RelatedLink, Rubric
from . import hosts

LATEST_STORIES = 8  # after the lead story
# Cards and summaries need only the start of a body.
SUMMARY_SOURCE_CHARS = 1000
SECTION_STORIES = 4  # per rubric
MOST_READ = 5
RELATED_STORIES = 4
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


def credits_prefetch():
    """An article's credits, with their authors, as its `credit_list` (a plain list: a
    related manager per row would cost a queryset per card)."""
    return Prefetch(
        "credits",
        # Pages print an author's name and link to their page.
        queryset=ArticleCredit.objects.select_related("author").only(
            "article", "role", "author__name", "author__slug"
        ),
        to_attr="credit_list",
    )


def cards(queryset, *more_fields, body_chars=SUMMARY_SOURCE_CHARS):
    """`queryset` reading what a story card prints: `CARD_FIELDS` (and `more_fields`), the
    rubric, and the start of the body for the summary. Give the rows their outlet with
    `of_outlet`."""
    return (
        queryset.select_related("rubric")
        .only(*CARD_FIELDS, *more_fields)
        .annotate(body_start=Left("body", body_chars))
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


def front_page(outlet, rubrics) -> dict:
    """The lead story, the latest ones and each rubric's newest, in one query."""
    published = (
        Article.objects.published()
        .filter(outlet=outlet)
        .order_by("-published_at", "-created_at")
    )
    wanted = newest_of(
        [
            compiled(published[: LATEST_STORIES + 1]),
            *compiled_per(
                published, "rubric_id", [r.pk for r in rubrics], SECTION_STORIES
            ),
        ]
    )
    stories = of_outlet(
        outlet,
        list(
            cards(Article.objects.filter(pk__in=wanted)).order_by(
                "-published_at", "-created_at"
            )
        ),
    )
    # The newest overall are all in the set, so its first rows are the latest.
    top = stories[: LATEST_STORIES + 1]
    # Only the latest print their writers.
    prefetch_related_objects(top[1:], credits_prefetch())
    sections = []
    for rubric in rubrics:
        in_rubric = [s for s in stories if s.rubric_id == rubric.pk]
        if in_rubric:
            sections.append((rubric, in_rubric[:SECTION_STORIES]))
    return {"lead": top[0] if top else None, "latest": top[1:], "sections": sections}


# Most read: the last day's and the last week's.
MOST_READ_PERIODS = (timedelta(hours=24), timedelta(days=7))


def most_read(outlet, *, now: datetime | None = None) -> list[list[Article]]:
    """The outlet's most read stories of each of `MOST_READ_PERIODS`, ranked by reads
    then recency, each with its `reads`."""
    now = now or timezone.now()
    # A link: what its address and headline need.
    published = (
        Article.objects.published()
        .filter(outlet=outlet)
        .only("outlet", "title", "slug", "published_on", "published_at")
    )
    return [
        of_outlet(
            outlet,
            list(
                published.filter(hourly_views__hour__gte=now - period)
                .annotate(reads=Sum("hourly_views__count"))
                .order_by("-reads", "-published_at")[:MOST_READ]
            ),
        )
        for period in MOST_READ_PERIODS
    ]


def with_related_stories(page) -> tuple[Article | None, list[Article]]:
    """The article a one-row queryset selects (None when it selects none) and its
    related stories, in one query."""
    try:
        selected = compiled(page)
    except EmptyResultSet:  # a lookup no row can match, e.g. a number beyond any id
        return None, []
    # The page's SQL, compiled once, stands for it wherever the query asks about it.
    ids = RawSQL(*selected)
    rows = (
        Article.objects.filter(pk__in=newest_of([selected, compiled(_related_to(ids))]))
        .select_related("outlet", "rubric", "region", "editor")
        .annotate(is_page=Q(pk__in=ids))
        .order_by("-published_at", "-pk")
    )
    article = None
    related = []
    for row in rows:
        if row.is_page:
            article = row
        else:
            related.append(row)
    return article, related


def _related_to(ids):
    """Newest stories of the outlet on the article's rubric, region or tags, less the
    article and the stories its "Baca juga" lines already name."""
    article = Article.objects.filter(pk__in=ids)
    through = Article.tags.through.objects
    tags = through.filter(article_id__in=ids).values("tag_id")
    near = (
        Q(rubric_id__in=article.values("rubric_id"))
        | Q(region_id__in=article.values("region_id"))
        | Q(pk__in=through.filter(tag_id__in=tags).values("article_id"))
    )
    linked = RelatedLink.objects.filter(article_id__in=ids, target__isnull=False)
    return (
        Article.objects.published()
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
