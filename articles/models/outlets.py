"""Outlets, their roles' names, and what belongs to one outlet (rubrics, regions, tags, pages)."""

import functools
import re
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..images import PhotoField

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1a2b3c."))

# A host name as browsers send it: dot-separated labels of letters, digits and hyphens.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")


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
        # Every story's address starts with it (Article.get_absolute_url): reversed once
        # per URLconf, as an outlet's own host has its own (articles.site.routing).
        return _outlet_path(
            get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), self.slug
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        return ZONE_LABELS.get(self.time_zone, self.time_zone)

    @property
    def host_list(self) -> list[str]:
        return [host.lower() for host in self.hostnames.split()]

    def clean(self):
        """Each host is a host name, and answers for this outlet only: a host another
        outlet or the whole network (NETWORK_HOSTS) already answers on is refused, since
        a request can go to one of them only."""
        super().clean()
        network = {host.lower() for host in settings.NETWORK_HOSTS}
        others = {
            host: outlet.name
            for outlet in Outlet.objects.exclude(pk=self.pk).exclude(hostnames="")
            for host in outlet.host_list
        }
        errors = []
        for host in dict.fromkeys(self.host_list):
            if not _HOST_NAME.match(host):
                message = _(
                    "“%(host)s” is not a host name: write it as readers type it, e.g. "
                    "kabar.example.com (no https://, port or path)."
                )
            elif host in network:
                message = _(
                    "%(host)s serves the whole network (NETWORK_HOSTS): an outlet "
                    "cannot take it."
                )
            elif host in others:
                message = _(
                    "%(host)s is already the host of %(outlet)s: a host belongs to "
                    "one outlet."
                )
            else:
                continue
            params = {"host": host, "outlet": others.get(host, "")}
            errors.append(ValidationError(message, params=params))
        if errors:
            raise ValidationError({"hostnames": errors})


@functools.lru_cache(maxsize=1024)
def _outlet_path(urlconf, script_prefix: str, slug: str) -> str:
    return reverse("articles:outlet", urlconf=urlconf, kwargs={"outlet": slug})


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
