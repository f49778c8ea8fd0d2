"""Read-only lists of articles' history, limited to the articles the user's desk shows.

Each record is also shown on its article's change page; these lists let an editor search
across articles (who moved what, which corrections went out).
"""

from django.contrib import admin

from ..models import (
    Article,
    ArticleCredit,
    Correction,
    EditingPresence,
    EditorialNote,
    Revision,
    Transition,
)


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

    # History is written by the workflow and the article form, never edited by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Transition)
class TransitionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "from_status", "to_status", "actor", "at", "note"]
    list_filter = ["to_status", "article__outlet"]


@admin.register(Revision)
class RevisionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "version", "author", "at", "changed_fields"]
    exclude = ["snapshot"]


@admin.register(Correction)
class CorrectionAdmin(ArticleHistoryAdmin):
    list_display = ["article", "note", "by", "at"]
    list_filter = ["article__outlet"]


@admin.register(EditorialNote)
class EditorialNoteAdmin(ArticleHistoryAdmin):
    list_display = ["article", "author", "at", "text"]


@admin.register(EditingPresence)
class EditingPresenceAdmin(ArticleHistoryAdmin):
    list_display = ["article", "user", "opened_at"]


@admin.register(ArticleCredit)
class ArticleCreditAdmin(ArticleHistoryAdmin):
    """Credits are edited on their article; this list finds a person's bylines."""

    list_display = ["article", "author", "role", "order"]
    list_filter = ["role"]
    search_fields = ["article__title", "author__name"]
