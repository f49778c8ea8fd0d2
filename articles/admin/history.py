"""Read-only lists of articles' history, limited to the articles the user's desk shows.

Each record is also shown on its article's change page; these lists let an editor search
across articles (who moved what, which corrections went out).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import revisions
from ..models import (
    Article,
    ArticleCredit,
    Correction,
    EditingPresence,
    EditorialNote,
    Revision,
    Transition,
)
from .clock import outlet_time


class ArticleHistoryAdmin(admin.ModelAdmin):
    list_select_related = ["article__outlet"]
    search_fields = ["article__title"]

    def get_queryset(self, request):
        # Another outlet's unpublished work, and its notes, stay out of sight.
        return (
            super()
            .get_queryset(request)
            .filter(article__in=Article.objects.on_desk(request.user))
        )

    @admin.display(description=_("when"), ordering="at")
    def at_local(self, record):
        return outlet_time(record.at, record.article.outlet)

    # History is written by the workflow and the article form, never edited by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transition)
class TransitionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "from_status", "to_status", "actor", "at_local", "note"]
    list_filter = ["to_status", "article__outlet"]


@admin.register(Revision)
class RevisionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "version", "author", "at_local", "changed"]
    exclude = ["snapshot"]

    @admin.display(description=_("changed"))
    def changed(self, revision):
        return revisions.labels(revision.changed_fields)


@admin.register(Correction)
class CorrectionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "note", "by", "at_local"]
    list_filter = ["article__outlet"]


@admin.register(EditorialNote)
class EditorialNoteAdmin(ArticleHistoryAdmin):
    list_display = ["article", "author", "at_local", "text"]


@admin.register(EditingPresence)
class EditingPresenceAdmin(ArticleHistoryAdmin):
    list_display = ["article", "user", "opened_local"]

    @admin.display(description=_("opened at"), ordering="opened_at")
    def opened_local(self, presence):
        return outlet_time(presence.opened_at, presence.article.outlet)


@admin.register(ArticleCredit)
class ArticleCreditAdmin(ArticleHistoryAdmin):
    """Credits are edited on their article; this list finds a person's bylines."""

    list_display = ["article", "author", "role", "order"]
    list_filter = ["role"]
    search_fields = ["article__title", "author__name"]
