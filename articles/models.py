"""The editorial data model: outlets, people, articles and their history."""

import re
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .fields import SanitisedHTMLField
from .images import PhotoField

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1a2b3c."))


def name_key(name: str) -> str:
    """Matching key for a person's name: case, accents, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", folded.casefold()).split())


def headline_key(headline: str) -> str:
    """Matching key for a "Baca juga" headline: case and spacing ignored (as `Lower()`)."""
    return " ".join(headline.split()).lower()


class OutletStyle(models.TextChoices):
    TRIBRATANEWS_NTT = "tribratanews-ntt", "Tribratanews NTT"
    INEWS_TTU = "inews-ttu", "iNews TTU"
    POS_KUPANG = "pos-kupang", "Pos-Kupang"
    BLITAR_UPDATE = "blitar-update", "Blitar Update"
    BERITANASIONAL = "beritanasional", "BeritaNasional"
    DEFAULT = "default", _("Neutral")


class OutletZone(models.TextChoices):
    WIB = "Asia/Jakarta", "WIB (Asia/Jakarta)"
    WITA = "Asia/Makassar", "WITA (Asia/Makassar)"
    WIT = "Asia/Jayapura", "WIT (Asia/Jayapura)"


ZONE_LABELS = {OutletZone.WIB: "WIB", OutletZone.WITA: "WITA", OutletZone.WIT: "WIT"}


class EditorRole(models.TextChoices):
    REPORTER = "reporter", _("Reporter (Wartawan)")
    EDITOR = "editor", _("Editor (Redaktur)")
    CHIEF = "chief", _("Editor-in-chief (Pemimpin Redaksi)")


# Roles that review and publish an outlet's articles.
EDITING_ROLES = frozenset({EditorRole.EDITOR, EditorRole.CHIEF})
# The permission group (made by migration 0002) that gives each role its admin pages.
ROLE_GROUPS = {
    EditorRole.REPORTER: "Wartawan",
    EditorRole.EDITOR: "Redaktur",
    EditorRole.CHIEF: "Pemimpin Redaksi",
}


class OutletQuerySet(models.QuerySet):
    def staffed_by(self, user, roles=frozenset(EditorRole)):
        """Outlets where `user` holds one of `roles`: all of them for a superuser."""
        if user.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__editor__user=user, memberships__role__in=roles
        ).distinct()

    def led_by(self, user):
        """Outlets whose people `user` manages: those they are editor-in-chief of."""
        return self.staffed_by(user, {EditorRole.CHIEF})

    def edited_by(self, user):
        """Outlets whose articles `user` reviews and publishes."""
        return self.staffed_by(user, EDITING_ROLES)


class Outlet(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    style = models.CharField(
        _("style"), max_length=30, choices=OutletStyle, default=OutletStyle.DEFAULT
    )
    brand_label = models.CharField(
        _("dateline brand"),
        max_length=60,
        help_text=_("Printed in datelines, e.g. POS-KUPANG.COM."),
    )
    hostnames = models.CharField(
        _("hostnames"),
        max_length=255,
        blank=True,
        help_text=_("Hosts this outlet answers on, separated by spaces."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=OutletZone, default=OutletZone.WIB
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#1f2937", validators=[hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#b91c1c", validators=[hex_colour]
    )
    logo = PhotoField(_("logo"), upload_to="outlets/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:outlet", kwargs={"outlet": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS.get(self.time_zone, self.time_zone)

    @property
    def host_list(self) -> list[str]:
        return [host.lower() for host in self.hostnames.split()]


class OutletTaxonomy(models.Model):
    """A region or tag: each outlet keeps its own (Pos-Kupang's `Belu Terkini` is its own)."""

    outlet = models.ForeignKey(
        Outlet, models.CASCADE, related_name="%(class)ss", verbose_name=_("outlet")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)

    class Meta:
        abstract = True
        ordering = ["outlet", "name"]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


class Region(OutletTaxonomy):
    class Meta(OutletTaxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            # Region URLs are /<outlet>/wilayah/<slug>/.
            models.UniqueConstraint(
                fields=["outlet", "slug"], name="region_unique_slug_per_outlet"
            ),
        ]


class Tag(OutletTaxonomy):
    class Meta(OutletTaxonomy.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            # Tag URLs are /<outlet>/tag/<slug>/.
            models.UniqueConstraint(
                fields=["outlet", "slug"], name="tag_unique_slug_per_outlet"
            ),
        ]


class Rubric(models.Model):
    outlet = models.ForeignKey(Outlet, models.CASCADE, related_name="rubrics")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)

    class Meta:
        ordering = ["outlet", "name"]
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        constraints = [
            # Rubric URLs are /<outlet>/rubrik/<slug>/.
            models.UniqueConstraint(
                fields=["outlet", "slug"], name="rubric_unique_slug_per_outlet"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


def unique_slug(queryset, text: str, field: str = "slug", max_length: int = 150) -> str:
    """A slug for `text` not yet taken in `queryset` (`-2`, `-3`, ... appended when needed)."""
    base = slugify(text)[:max_length].strip("-") or "tanpa-judul"
    candidate, n = base, 1
    while queryset.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base[: max_length - len(str(n)) - 1]}-{n}"
    return candidate


class AuthorQuerySet(models.QuerySet):
    def for_name(self, name: str) -> "Author":
        """The author with this name (matched by normalised key), created if new."""
        key = name_key(name)
        author = self.filter(name_key=key).first()
        if author is None:
            author = self.create(
                name=" ".join(name.split()), name_key=key, slug=unique_slug(self, name)
            )
        return author

    def byline_of(self, user) -> "Author | None":
        """The byline of a login: its linked author, else the author of its credit name
        (or full name), created and linked if new; None if that name is someone else's."""
        author = self.filter(user=user).first()
        if author is not None:
            return author
        editor = getattr(user, "editor", None)
        name = (editor and editor.credit_name) or user.get_full_name() or user.username
        author = self.for_name(name)
        if author.user_id is None:
            author.user = user
            author.save(update_fields=["user"])
        return author if author.user_id == user.pk else None


class Author(models.Model):
    name = models.CharField(_("display name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    name_key = models.CharField(max_length=150, unique=True, editable=False)
    bio = models.TextField(_("short bio"), blank=True)
    photo = PhotoField(_("photo"), upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("user account"),
    )
    outlets = models.ManyToManyField(Outlet, blank=True, related_name="authors")

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        outlet = self.outlets.first()
        if outlet is None:
            return ""
        return reverse(
            "articles:author", kwargs={"outlet": outlet.slug, "slug": self.slug}
        )

    def clean(self):
        self.name_key = name_key(self.name)
        if Author.objects.filter(name_key=self.name_key).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"name": _("An author with this name already exists.")}
            )


class EditorQuerySet(models.QuerySet):
    def for_credit(self, name: str) -> "Editor":
        """The editor credited under this name, created (with an inactive account) if new."""
        from django.contrib.auth import get_user_model

        key = name_key(name)
        editor = self.filter(name_key=key).first()
        if editor is None:
            users = get_user_model().objects
            username = unique_slug(users.all(), name, field="username", max_length=140)
            user = users.create_user(username=username, is_active=False)
            editor = self.create(
                user=user, credit_name=" ".join(name.split()), name_key=key
            )
        return editor

    def staffing(self, outlets):
        """People holding a role at any of `outlets`."""
        return self.filter(memberships__outlet__in=outlets).distinct()

    def create_person(
        self,
        *,
        username: str,
        credit_name: str,
        outlet: Outlet | None = None,
        role: str = "",
        email: str = "",
        password: str | None = None,
    ) -> "Editor":
        """A new staff login with its credit name, its byline (Author) and a first role.

        Without a password the login has none yet: its holder sets one through a link.
        """
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        credit_name = " ".join(credit_name.split())
        editor = self.create(
            user=user, credit_name=credit_name, name_key=name_key(credit_name)
        )
        byline = Author.objects.filter(name_key=name_key(credit_name), user=None)
        author = byline.first() or Author.objects.for_name(credit_name)
        author.user = user
        author.save(update_fields=["user"])
        if outlet is not None:
            Membership.objects.grant(editor, outlet, role or EditorRole.REPORTER)
        return editor


class Editor(models.Model):
    """A person of the newsroom: a login, a credit name, and a role at each outlet."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="editor",
        verbose_name=_("user account"),
    )
    outlets = models.ManyToManyField(
        Outlet, through="Membership", blank=True, related_name="editors"
    )
    credit_name = models.CharField(
        _("credit name"), max_length=150, help_text=_("Printed in 'Editor: X' credits.")
    )
    name_key = models.CharField(max_length=150, unique=True, editable=False)
    # The desk speaks Indonesian; English is only ever a person's own choice. Blank:
    # the desk's language (settings.LANGUAGE_CODE).
    language = models.CharField(
        _("desk language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
    )

    objects = EditorQuerySet.as_manager()

    class Meta:
        ordering = ["credit_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.credit_name

    def clean(self):
        self.name_key = name_key(self.credit_name)
        if Editor.objects.filter(name_key=self.name_key).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"credit_name": _("An editor with this credit name already exists.")}
            )

    @property
    def byline(self) -> Author | None:
        """The Author readers see for this person's work."""
        return getattr(self.user, "author", None)

    def role_at(self, outlet: Outlet) -> str | None:
        """This person's role at `outlet` (None when not a member); a superuser leads all."""
        if self.user.is_superuser:
            return EditorRole.CHIEF
        if "_roles" not in self.__dict__:
            # One query per person per request, however many articles are checked.
            self._roles = dict(self.memberships.values_list("outlet_id", "role"))
        return self._roles.get(outlet.pk)

    def roles(self) -> set[str]:
        """Every role this person holds somewhere."""
        if self.user.is_superuser:
            return set(EditorRole)
        return set(self.memberships.values_list("role", flat=True))

    def sync_groups(self) -> None:
        """Put the login in the permission group of each role it holds, and no other."""
        from django.contrib.auth.models import Group

        user = self.user
        user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS.values()))
        user.groups.add(
            *Group.objects.filter(name__in=[ROLE_GROUPS[r] for r in self.roles()])
        )
        if not user.is_staff and user.is_active:
            user.is_staff = True
            user.save(update_fields=["is_staff"])


class MembershipQuerySet(models.QuerySet):
    def grant(
        self, editor: Editor, outlet: Outlet, role: str, **fields
    ) -> "Membership":
        """Give `editor` `role` at `outlet` (replacing any other role there)."""
        membership, _created = self.update_or_create(
            editor=editor, outlet=outlet, defaults={"role": role, **fields}
        )
        editor.__dict__.pop("_roles", None)
        editor.sync_groups()
        if editor.byline is not None:
            # Their byline appears among the outlet's authors.
            editor.byline.outlets.add(outlet)
        return membership


class Membership(models.Model):
    """A person's role at one outlet: Wartawan at one and Redaktur at another is normal."""

    editor = models.ForeignKey(
        Editor, models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    outlet = models.ForeignKey(
        Outlet, models.CASCADE, related_name="memberships", verbose_name=_("outlet")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=EditorRole, default=EditorRole.REPORTER
    )
    on_masthead = models.BooleanField(
        _("on the masthead"),
        default=False,
        help_text=_("Listed on the outlet's Redaksi page."),
    )
    masthead_title = models.CharField(
        _("masthead title"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the Redaksi page; the role's name when empty."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["outlet", "role", "editor"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # One role per person per outlet: every check asks "the role at this outlet".
            models.UniqueConstraint(
                fields=["editor", "outlet"], name="membership_unique_per_outlet"
            ),
        ]

    def __str__(self):
        return f"{self.editor} – {self.get_role_display()} ({self.outlet})"

    @property
    def title(self) -> str:
        return self.masthead_title or self.get_role_display()


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
    def published(self):
        """Articles the public may see in lists, feeds, search and sitemaps: published and due."""
        return self.filter(
            status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now()
        )

    def on_record(self):
        """Pages the public may open: published ones, and retracted ones (they keep their page)."""
        return self.filter(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED],
            published_at__lte=timezone.now(),
        )

    def scheduled(self):
        return self.filter(
            status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now()
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
        return reverse(
            "articles:detail",
            kwargs={
                "outlet": self.outlet.slug,
                "year": self.published_on.year,
                "month": f"{self.published_on:%m}",
                "day": f"{self.published_on:%d}",
                "slug": self.slug,
            },
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


class Transition(models.Model):
    """One status change, written by workflow only."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=ArticleStatus, blank=True)
    to_status = models.CharField(max_length=20, choices=ArticleStatus)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self):
        return f"{self.article}: {self.from_status or '-'} → {self.to_status}"


class Revision(models.Model):
    """A snapshot of an article's editable fields after one save."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changed_fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="revision_unique_version"
            ),
        ]

    def __str__(self):
        return f"{self.article} v{self.version}"


class Correction(models.Model):
    """A public correction ("Ralat") of a published article."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="corrections")
    note = models.TextField(_("correction note"))
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.article}: {self.note[:40]}"


class EditorialNote(models.Model):
    """An internal note between staff on an article; never shown to readers."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("editorial note")
        verbose_name_plural = _("editorial notes")

    def __str__(self):
        return f"{self.article}: {self.text[:40]}"


class EditingPresence(models.Model):
    """Who opened an article's change form, and when: shown to the next person opening it."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="presence_unique_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.article}"


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


class OutletPageKind(models.TextChoices):
    """The newsroom's own pages, linked from every page's footer."""

    ABOUT = "tentang-kami", "Tentang Kami"
    MASTHEAD = "redaksi", "Redaksi"
    CONTACT = "kontak", "Kontak"
    GUIDELINE = "pedoman-media-siber", "Pedoman Media Siber"
    DISCLAIMER = "disclaimer", "Disclaimer"


class OutletPage(models.Model):
    """An outlet's own text for one of its newsroom pages; without one, a default shows."""

    outlet = models.ForeignKey(Outlet, models.CASCADE, related_name="pages")
    kind = models.CharField(_("page"), max_length=30, choices=OutletPageKind)
    body = models.TextField(
        _("text"),
        help_text=_("Paragraphs separated by a blank line. Shown to readers as is."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outlet", "kind"]
        constraints = [
            # One text per page and outlet: the public page reads it by (outlet, kind).
            models.UniqueConstraint(
                fields=["outlet", "kind"], name="outletpage_one_per_kind"
            ),
        ]
        verbose_name = _("newsroom page")
        verbose_name_plural = _("newsroom pages")

    def __str__(self):
        return f"{self.outlet}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse(
            "articles:page", kwargs={"outlet": self.outlet.slug, "kind": self.kind}
        )
