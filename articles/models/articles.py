"""Articles, their credits and links, and the visibility rules for readers and staff."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import SanitisedHTMLField
from ..images import PhotoField
from .outlets import EditorRole, Outlet, Region, Rubric, Tag
from .people import Author, Editor


def headline_key(headline: str) -> str:
    """Matching key for a "Baca juga" headline: case and spacing ignored (as `Lower()`)."""
    return " ".join(headline.split()).lower()


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class ArticleType(models.TextChoices):
    NEWS = "berita", _("Berita")
    OPINION = "opini", _("Opini")
    ADVERTORIAL = "advertorial", _("Advertorial")
    RIGHT_OF_REPLY = "hak_jawab", _("Hak Jawab")


class CreditRole(models.TextChoices):
    WRITER = "writer", _("Penulis")
    REPORTER = "reporter", _("Reporter")
    CONTRIBUTOR = "contributor", _("Kontributor")
    PHOTOGRAPHER = "photographer", _("Fotografer")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles the public may see in lists, feeds, search and sitemaps: published and
        due (at `now`, by default the present)."""
        return self.filter(
            status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now()
        )

    def published_count(self, outlet, *, rubric=None, region=None, now=None) -> int:
        """How many articles an outlet's list holds for readers, in constant time.

        Equals `published(now).filter(outlet=outlet).count()`, with `rubric=rubric` or
        `region=region` in the filter when given, without counting the archive (see
        `kept_count`).
        """
        if self.query.has_filters():
            raise TypeError("published_count() counts whole lists: use the manager.")
        counts = self.kept_count(outlet, rubric=rubric, region=region, now=now)
        # No row yet: nothing of this list was ever published.
        return next(iter(counts.values_list("visible", flat=True)), 0)

    def published_total(self, outlets, *, now=None) -> int:
        """`published(now).filter(outlet__in=outlets).count()` (`outlets` a list or a
        queryset) in constant time: the outlets' kept list lengths (`kept_count`) less
        their stories still scheduled after `now` (a few: the end of a range of
        `article_pub`), in two queries however many outlets."""
        if self.query.has_filters():
            raise TypeError("published_total() counts whole lists: use the manager.")
        kept = ListCount.objects.filter(outlet__in=outlets, topic="", topic_pk=0)
        published = kept.aggregate(n=models.Sum("published"))["n"] or 0
        return published - self.scheduled(now).filter(outlet__in=outlets).count()

    def kept_count(self, outlet, *, rubric=None, region=None, now=None):
        """The `ListCount` row (none before the list's first publication) of an outlet's
        list, or of its `rubric`'s or `region`'s, with the number of articles readers
        see in it at `now` as `visible`.

        That is the number of published articles, kept by the database, less those of
        the list still scheduled after `now` (a few: the end of a range of
        `article_outlet_pub`, or `article_rubric_pub`), in one query. `outlet` and the
        subject are instances or primary keys.
        """
        if rubric is not None and region is not None:
            raise ValueError("A kept list is an outlet's, a rubric's or a region's.")
        subject = rubric if rubric is not None else region
        topic = (
            ListTopic.RUBRIC
            if rubric is not None
            else ListTopic.REGION
            if region is not None
            else ""
        )
        subject_pk = getattr(subject, "pk", subject)
        scheduled = self.model.objects.scheduled(now).filter(
            outlet=outlet, **({topic: subject_pk} if topic else {})
        )
        scheduled = scheduled.order_by().values("outlet").annotate(n=Count("pk"))
        return ListCount.objects.filter(
            outlet=outlet, topic=topic, topic_pk=subject_pk if topic else 0
        ).annotate(
            visible=F("published") - Coalesce(Subquery(scheduled.values("n")), 0)
        )

    def on_record(self, now=None):
        """Pages the public may open: published ones, and retracted ones (they keep their page)."""
        return self.filter(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED],
            published_at__lte=now or timezone.now(),
        )

    def scheduled(self, now=None):
        """Published articles not yet due (at `now`, by default the present)."""
        return self.filter(
            status=ArticleStatus.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def own_work(self, user):
        """Articles `user` created or is credited on."""
        credited = ArticleCredit.objects.filter(author__user=user).values("article")
        return self.filter(Q(created_by=user) | Q(pk__in=credited))

    def on_desk(self, user):
        """What a staff member may open anywhere in the admin and in previews.

        Every article of an outlet they edit; at an outlet where they report, everything
        but colleagues' drafts. The desk lists, the change page, preview, revisions, diff
        and every other admin view start here.
        """
        if not (user.is_authenticated and user.is_staff):
            return self.none()
        if user.is_superuser:
            return self.all()
        reporting = Outlet.objects.staffed_by(user, {EditorRole.REPORTER})
        unfinished = [ArticleStatus.DRAFT, ArticleStatus.CHANGES_REQUESTED]
        credited = ArticleCredit.objects.filter(author__user=user).values("article")
        own = Q(created_by=user) | Q(pk__in=credited)
        return self.filter(
            Q(outlet__in=Outlet.objects.edited_by(user))
            | Q(outlet__in=reporting) & (own | ~Q(status__in=unfinished))
        )


class Article(models.Model):
    outlet = models.ForeignKey(
        Outlet, models.PROTECT, related_name="articles", verbose_name=_("outlet")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=False)
    lead = models.TextField(_("lead"), blank=True)
    body = SanitisedHTMLField(
        _("body"), help_text=_("Paragraphs; stored as sanitised HTML.")
    )
    article_type = models.CharField(
        _("type"), max_length=20, choices=ArticleType, default=ArticleType.NEWS
    )
    rubric = models.ForeignKey(
        Rubric,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("rubric"),
    )
    region = models.ForeignKey(
        Region,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("region"),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="articles", verbose_name=_("tags")
    )
    authors = models.ManyToManyField(
        Author,
        through="ArticleCredit",
        blank=True,
        related_name="articles",
        verbose_name=_("credits"),
    )
    editor = models.ForeignKey(
        Editor,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_articles",
        verbose_name=_("editor credit"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="created_articles",
    )
    dateline_place = models.CharField(_("dateline place"), max_length=80, blank=True)
    image = PhotoField(_("featured image"), upload_to="articles/%Y/%m/", blank=True)
    image_caption = models.CharField(_("caption"), max_length=500, blank=True)
    image_credit = models.CharField(_("photo credit"), max_length=150, blank=True)
    # Pillow renditions made once when the image is saved: [{"width", "webp", "jpeg"}, ...].
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ArticleStatus,
        default=ArticleStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, editable=False
    )
    # The source gave a day but no time (an archive import): readers see the date alone.
    published_date_only = models.BooleanField(default=False, editable=False)
    # The publication date in the outlet's zone: part of the URL and of the slug's uniqueness.
    published_on = models.DateField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        Editor,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="published_articles",
    )
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(
        _("retraction reason"), blank=True, editable=False
    )
    # Set when a published article's text is corrected: the public dateModified.
    content_modified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Optimistic lock: every saved edit increments it; a form saved from an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    source_file = models.CharField(
        _("source file"), max_length=500, blank=True, editable=False
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Why an editor must look at this article before it goes anywhere (e.g. imported without a headline).
    flag = models.CharField(_("needs attention"), max_length=255, blank=True)
    # The targets of its "Baca juga" lines (see RelatedLink, which also keeps their place).
    related = models.ManyToManyField(
        "self",
        through="RelatedLink",
        through_fields=("article", "target"),
        symmetrical=False,
        blank=True,
        related_name="related_from",
        verbose_name=_("Baca juga"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            # Article URLs are /<outlet>/<yyyy>/<mm>/<dd>/<slug>/; its index also serves the
            # page lookup, and leading with the slug lets an import check a batch of slugs.
            models.UniqueConstraint(
                fields=["slug", "outlet", "published_on"],
                name="article_unique_slug_per_outlet_day",
            ),
            # Import idempotency: one article per normalised source text.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=~Q(content_hash=""),
                name="article_unique_content_hash",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "retracted"])
                | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]
        indexes = [
            # Serves ArticleQuerySet.published(): the public lists' main filter and order.
            models.Index(fields=["status", "-published_at"], name="article_pub"),
            # Serves an outlet's home, feeds and sitemap; with the tie-breaker and the id
            # (a key column: SQLite has no INCLUDE) it covers a list page's ids, so a deep
            # page's OFFSET is an index-only scan.
            models.Index(
                fields=["outlet", "status", "-published_at", "-created_at", "id"],
                name="article_outlet_pub",
            ),
            # The same for a rubric's pages (which also filter by outlet).
            models.Index(
                fields=[
                    "rubric",
                    "outlet",
                    "status",
                    "-published_at",
                    "-created_at",
                    "id",
                ],
                name="article_rubric_pub",
            ),
            # And for a region's.
            models.Index(
                fields=[
                    "region",
                    "outlet",
                    "status",
                    "-published_at",
                    "-created_at",
                    "id",
                ],
                name="article_region_pub",
            ),
            # The full-text index (a generated column on PostgreSQL, an FTS5 table on
            # SQLite) lives in migration 0030, outside the model: see site/search.py.
            # Serves "Baca juga" matching by headline (case-insensitive) at import time.
            models.Index("outlet", Lower("title"), name="article_outlet_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.published_on is None:
            return reverse("articles:preview", kwargs={"pk": self.pk})
        return self.address_in(self.outlet.get_absolute_url())

    def address_in(self, outlet_address: str) -> str:
        """The address of a published article under its outlet's, `outlet_address`.

        The `detail` route of articles.site.urls.outlet_routes: the outlet's address, then
        the day and the slug. Built, not reversed: a list prints dozens of them.
        """
        day = self.published_on
        return (
            f"{outlet_address}{day.year:04d}/{day.month:02d}/{day.day:02d}/{self.slug}/"
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_retracted(self) -> bool:
        return self.status == ArticleStatus.RETRACTED

    @property
    def local_published_at(self):
        return self.published_at and self.published_at.astimezone(self.outlet.zone)

    @property
    def modified_at(self):
        """dateModified for readers: the last correction, else the publication time."""
        return self.content_modified_at or self.published_at


class ListTopic(models.TextChoices):
    """What a kept list gathers, besides its outlet (the readers' list pages' topics)."""

    OUTLET = "", _("Whole outlet")
    RUBRIC = "rubric", _("Rubric")
    REGION = "region", _("Region")


class ListCount(models.Model):
    """How many published articles (due or scheduled) one list of an outlet holds.

    Kept by triggers on `articles_article` (migration 0070) on every insert, delete and
    change of status, outlet, rubric or region, however it is written (bulk inserts,
    `QuerySet.update()`, raw SQL), so a list page's count costs one row, not a count of
    the archive. Read it through `ArticleQuerySet.published_count()`, which takes off
    the stories not due yet.
    """

    outlet = models.ForeignKey(Outlet, models.CASCADE, related_name="list_counts")
    topic = models.CharField(max_length=10, choices=ListTopic, blank=True)
    # The rubric's or region's id; 0 for the outlet's whole list. A plain number, not a
    # foreign key: a deleted rubric's row drops to 0 with its articles' rubric, and no
    # delete has to be ordered around the triggers.
    topic_pk = models.PositiveBigIntegerField(default=0)
    published = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # One row per list: the conflict target of the triggers' upserts.
            models.UniqueConstraint(
                fields=["outlet", "topic", "topic_pk"], name="listcount_one_per_list"
            ),
        ]
        verbose_name = _("list count")
        verbose_name_plural = _("list counts")

    def __str__(self):
        return f"{self.outlet_id} {self.topic or 'outlet'} {self.topic_pk}: {self.published}"


class ArticleCredit(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="credits")
    author = models.ForeignKey(
        Author, models.PROTECT, related_name="credits", verbose_name=_("author")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=CreditRole, default=CreditRole.WRITER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author", "role"], name="credit_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"


class RelatedLink(models.Model):
    """A "Baca juga" line of an article: what it names, where it stands, what it links to.

    `target` stays empty while no article of the outlet has that headline; an import that
    brings one in links it then.
    """

    article = models.ForeignKey(Article, models.CASCADE, related_name="related_links")
    # Body paragraphs before the line; empty when its place is not known (shown at the end).
    position = models.PositiveSmallIntegerField(
        _("after paragraph"), null=True, blank=True
    )
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    target = models.ForeignKey(
        Article,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="linked_from",
        verbose_name=_("links to"),
    )

    class Meta:
        ordering = [models.F("position").asc(nulls_last=True), "pk"]
        verbose_name = _("Baca juga link")
        verbose_name_plural = _("Baca juga links")
        indexes = [
            # Serves an import's search for lines still waiting for the headlines it brings.
            models.Index(
                Lower("headline"),
                condition=Q(target__isnull=True),
                name="relatedlink_pending",
            ),
        ]

    def __str__(self):
        return self.headline or str(self.target)


class ArticleViews(models.Model):
    """Page views of one article in one clock hour, counted by the reader's browser."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="hourly_views")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # One bucket per article and hour: counting is an UPDATE ... count + 1.
            models.UniqueConstraint(
                fields=["article", "hour"], name="articleviews_one_per_hour"
            ),
        ]
        # Serves "most read": the buckets of the last day or week.
        indexes = [models.Index(fields=["hour"], name="articleviews_hour")]
        verbose_name = _("hourly views")
        verbose_name_plural = _("hourly views")

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.count}"
