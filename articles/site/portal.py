"""What an outlet's pages show besides their own list: the front page's sections, most
read, related stories, and the view counts most read is built from."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left
from django.utils import timezone

from .. import pagecache
from ..models import Article, ArticleCredit, ArticleViews, RelatedLink, Rubric

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


def related_stories(article) -> list[Article]:
    """Newest stories of the outlet on the article's rubric, region or tags, less the
    ones its "Baca juga" lines already name."""
    tagged = Article.tags.through.objects.filter(article_id=article.pk)
    near = Q(
        pk__in=Article.tags.through.objects.filter(
            tag_id__in=tagged.values("tag_id")
        ).values("article_id")
    )
    if article.rubric_id:
        near |= Q(rubric_id=article.rubric_id)
    if article.region_id:
        near |= Q(region_id=article.region_id)
    linked = RelatedLink.objects.filter(article_id=article.pk, target__isnull=False)
    return list(
        Article.objects.published()
        .filter(near, outlet_id=article.outlet_id)
        .exclude(pk=article.pk)
        .exclude(pk__in=linked.values("target_id"))
        .select_related("outlet", "rubric")
        .order_by("-published_at", "-pk")[:RELATED_STORIES]
    )


# Kept until the outlet's pages next change (a rubric saved in the admin changes them:
# see articles/pagecache.py), so the menu on every page costs no query.
RUBRIC_MENU_SECONDS = 24 * 3600


def rubric_menu(outlet) -> list[Rubric]:
    """The outlet's rubrics, in menu order."""
    everything, own = pagecache.stamps(pagecache.outlet_scope(outlet.slug))
    return cache.get_or_set(
        f"rubric-menu:{outlet.pk}:{everything}:{own}",
        lambda: list(outlet.rubrics.all()),
        RUBRIC_MENU_SECONDS,
    )


def count_view(article_id: int, *, at: datetime | None = None) -> None:
    """Add one view to the article's bucket for this clock hour."""
    hour = (at or timezone.now()).replace(minute=0, second=0, microsecond=0)
    bucket = ArticleViews.objects.filter(article_id=article_id, hour=hour)
    if bucket.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ArticleViews.objects.create(article_id=article_id, hour=hour, count=1)
    except IntegrityError:
        # Another reader opened the bucket first.
        bucket.update(count=F("count") + 1)
