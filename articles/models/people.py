"""The newsroom's people: bylines (Author), logins with a credit name (Editor), roles per outlet (Membership)."""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..images import PhotoField
from .outlets import ROLE_GROUPS, EditorRole, Outlet, unique_slug


def name_key(name: str) -> str:
    """Matching key for a person's name: case, accents, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", folded.casefold()).split())


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
