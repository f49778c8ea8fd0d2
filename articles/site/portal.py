"""What an outlet's pages show besides their own list: the front page's sections, most
read, related stories, and the view counts most read is built from."""

from datetime import datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Sum
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


def credits_prefetch():
    return Prefetch("credits", queryset=ArticleCredit.objects.select_related("author"))


def newest_of(querysets) -> RawSQL:
    """The ids of each queryset's first rows, read from its own index and combined in one
    UNION ALL: a bounded read however big the archive (every database here takes it)."""
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.values("pk").query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part_{len(parts)}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)


def front_page(outlet, rubrics) -> dict:
    """The lead story, the latest ones and each rubric's newest, in one query."""
    published = (
        Article.objects.published()
        .filter(outlet=outlet)
        .order_by("-published_at", "-created_at")
    )
    wanted = newest_of(
        [
            published[: LATEST_STORIES + 1],
            *(published.filter(rubric=rubric)[:SECTION_STORIES] for rubric in rubrics),
        ]
    )
    stories = list(
        Article.objects.filter(pk__in=wanted)
        .select_related("outlet", "rubric", "region")
        .defer("body")
        .annotate(body_start=Left("body", SUMMARY_SOURCE_CHARS))
        .prefetch_related(credits_prefetch())
        .order_by("-published_at", "-created_at")
    )
    # The newest overall are all in the set, so its first rows are the latest.
    top = stories[: LATEST_STORIES + 1]
    sections = []
    for rubric in rubrics:
        in_rubric = [s for s in stories if s.rubric_id == rubric.pk]
        if in_rubric:
            sections.append((rubric, in_rubric[:SECTION_STORIES]))
    return {"lead": top[0] if top else None, "latest": top[1:], "sections": sections}


def most_read(outlet, *, hours: int, now: datetime | None = None) -> list[Article]:
    """The outlet's most read stories over the last `hours`, each with its `reads`."""
    since = (now or timezone.now()) - timedelta(hours=hours)
    return list(
        Article.objects.published()
        .filter(outlet=outlet, hourly_views__hour__gte=since)
        .annotate(reads=Sum("hourly_views__count"))
        .select_related("outlet")
        .order_by("-reads", "-published_at")[:MOST_READ]
    )


def with_related_stories(page) -> tuple[Article | None, list[Article]]:
    """The article a one-row queryset selects (None when it selects none) and its
    related stories, in one query."""
    try:
        wanted = newest_of([page, _related_to(page)])
    except EmptyResultSet:  # a lookup no row can match, e.g. a number beyond any id
        return None, []
    rows = (
        Article.objects.filter(pk__in=wanted)
        .select_related("outlet", "rubric", "region", "editor")
        .annotate(is_page=Exists(page.filter(pk=OuterRef("pk"))))
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


def _related_to(page):
    """Newest stories of the outlet on the article's rubric, region or tags, less the
    article and the stories its "Baca juga" lines already name."""
    ids = page.values("pk")
    through = Article.tags.through.objects
    tags = through.filter(article_id__in=ids).values("tag_id")
    near = (
        Q(rubric_id__in=page.values("rubric_id"))
        | Q(region_id__in=page.values("region_id"))
        | Q(pk__in=through.filter(tag_id__in=tags).values("article_id"))
    )
    linked = RelatedLink.objects.filter(article_id__in=ids, target__isnull=False)
    return (
        Article.objects.published()
        .filter(near, outlet_id__in=page.values("outlet_id"))
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
