"""What happened to an article: status changes, revisions, corrections, notes, presence."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .articles import Article, ArticleStatus


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
