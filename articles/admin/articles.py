"""The article desk: per-role lists, the change form with its workflow panel, and the
views behind the panel's buttons (moves, notes, revision diffs and restores, my queue)."""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import pagecache, revisions, workflow
from ..admin_site import desk_queue
from ..images import make_renditions
from ..models import (
    Article,
    ArticleCredit,
    Author,
    CreditRole,
    EditingPresence,
    EditorialNote,
    Outlet,
    RelatedLink,
)
from .clock import outlet_time
from .forms import (
    ArticleForm,
    EditorialNoteForm,
    NoteForm,
    RestoreForm,
    RetractForm,
    ScheduleForm,
    SendBackForm,
)

PRESENCE_WINDOW = timedelta(minutes=15)
# Fields an edit through the form may write; status and the rest belong to workflow.
EDITABLE = [
    field.name
    for field in Article._meta.concrete_fields
    if field.editable and not field.primary_key
]

ARTICLE_FORM_ONLY = ("correction_note",)

# Each button of the workflow panel (a move of workflow.MOVES): the form it posts and how
# it calls workflow.
MOVE_FORMS = {
    "submit": (NoteForm, lambda a, by, d: workflow.submit(a, by=by, note=d["note"])),
    "send_back": (
        SendBackForm,
        lambda a, by, d: workflow.send_back(a, by=by, note=d["note"]),
    ),
    "publish": (NoteForm, lambda a, by, d: workflow.publish(a, by=by, note=d["note"])),
    "schedule": (
        ScheduleForm,
        lambda a, by, d: workflow.publish(a, by=by, at=d["at"], note=d["note"]),
    ),
    "unpublish": (
        NoteForm,
        lambda a, by, d: workflow.unpublish(a, by=by, note=d["note"]),
    ),
    "retract": (
        RetractForm,
        lambda a, by, d: workflow.retract(a, by=by, reason=d["reason"]),
    ),
}
MOVE_DONE = {
    "submit": gettext_lazy("Submitted for review."),
    "send_back": gettext_lazy("Sent back to the writer."),
    "publish": gettext_lazy("Published."),
    "schedule": gettext_lazy("Scheduled."),
    "unpublish": gettext_lazy("Unpublished: the article is a draft again."),
    "retract": gettext_lazy("Retracted."),
}
# Publishing an article that credits no one needs a confirmation ticked by the editor.
CREDITED_MOVES = {"publish", "schedule"}
UNCREDITED = gettext_lazy(
    "This article credits no one. Add a byline, or tick “Publish without a byline”."
)


def _editor(request):
    return getattr(request.user, "editor", None)


class LabelledFormSet(BaseInlineFormSet):
    """A tabular inline's fields named for screen readers: its column headers are not
    labels of the inputs below them. Hidden inputs (the row's id and article) are read by
    nobody and may carry no aria-* attribute."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))


class ArticleCreditInline(admin.TabularInline):
    model = ArticleCredit
    formset = LabelledFormSet
    extra = 0
    raw_id_fields = ["author"]

    def get_extra(self, request, obj=None, **kwargs):
        # A new article opens with one row: the writer's own byline (see get_formset_kwargs).
        return 1 if obj is None else 0

    # Credits are part of the article: editable exactly when the article is.
    def has_add_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)


class RelatedLinkInline(admin.TabularInline):
    """The "Baca juga" lines: a linked article, or a headline still waiting for one."""

    model = RelatedLink
    fk_name = "article"
    extra = 0
    fields = ["position", "target", "headline"]
    raw_id_fields = ["target"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            kwargs["queryset"] = Article.objects.on_desk(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # Links are part of the article: editable exactly when the article is.
    def has_add_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return ArticleAdmin.may_edit(request, obj)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "outlet",
        "article_type",
        "status_label",
        "published_local",
        "updated_local",
    ]
    list_filter = [
        "status",
        ("outlet", RelatedOnlyFieldListFilter),
        ("rubric", RelatedOnlyFieldListFilter),
        ("authors", RelatedOnlyFieldListFilter),
        "article_type",
        "published_at",
        "updated_at",
    ]
    list_select_related = ["outlet", "rubric"]
    search_fields = ["title", "lead", "slug", "credits__author__name"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_local"]
    inlines = [ArticleCreditInline, RelatedLinkInline]
    filter_horizontal = ["tags"]
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    fieldsets = [
        (
            gettext_lazy("Text"),
            {
                "fields": [
                    "outlet",
                    "article_type",
                    "title",
                    "slug",
                    "lead",
                    "body",
                    "correction_note",
                ]
            },
        ),
        (
            gettext_lazy("Placement"),
            {"fields": ["rubric", "region", "tags", "flag"]},
        ),
        (
            gettext_lazy("Credits and image"),
            {
                "fields": [
                    "editor",
                    "dateline_place",
                    "image",
                    "image_caption",
                    "image_credit",
                ]
            },
        ),
        (gettext_lazy("Publication"), {"fields": ["status", "published_local"]}),
    ]

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return _("Scheduled, in %(left)s") % {
                "left": timeuntil(article.published_at)
            }
        return article.get_status_display()

    # Every moment in the article's outlet zone, labelled (see clock).

    @admin.display(description=gettext_lazy("published at"), ordering="published_at")
    def published_local(self, article):
        return outlet_time(article.published_at, article.outlet)

    @admin.display(description=gettext_lazy("updated at"), ordering="updated_at")
    def updated_local(self, article):
        return outlet_time(article.updated_at, article.outlet)

    # Who sees and changes what: the rules live in workflow.

    def get_queryset(self, request):
        return Article.objects.on_desk(request.user).select_related("outlet")

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None:
            # Outside the user's desk: not found, never a hint that it exists.
            raise Http404(_("No such article on your desk."))
        return article

    @staticmethod
    def may_edit(request, article) -> bool:
        if article is None:
            return True
        editor = _editor(request)
        if editor is None:
            return request.user.is_superuser
        return workflow.may_edit(article, editor)

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and Outlet.objects.staffed_by(request.user).exists()
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_edit(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_model(self, request, obj):
        pagecache.article_changed(obj)  # Before the links to it are gone.
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.everything_changed()

    def has_publish_permission(self, request):
        # The list actions of workflow moves: offered to whoever may publish somewhere;
        # each article is then judged by workflow.may.
        return workflow.offers(_editor(request), "publish")

    def get_readonly_fields(self, request, obj=None):
        fields = [*self.readonly_fields]
        if obj is not None:
            fields.append(
                "outlet"
            )  # An article stays with the outlet it was filed for.
            if obj.published_on is not None:
                fields.append("slug")  # Its public URL must not change.
        return fields

    def get_fieldsets(self, request, obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            return self.fieldsets
        # Adding or only viewing: no version to lock, no correction to note.
        (name, options), *rest = self.fieldsets
        fields = [f for f in options["fields"] if f not in ARTICLE_FORM_ONLY]
        return [(name, {**options, "fields": fields}), *rest]

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.published_on is not None:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # The writer is credited as Penulis from the start, through their byline; the
        # row stays editable. Only shown, never passed with posted data: a posted row
        # equal to its initial values would count as unchanged and not be saved.
        if (
            isinstance(inline, ArticleCreditInline)
            and obj.pk is None
            and request.method != "POST"
            and (author := Author.objects.byline_of(request.user))
        ):
            kwargs["initial"] = [{"author": author.pk, "role": CreditRole.WRITER}]
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        outlets = list(Outlet.objects.staffed_by(request.user)[:2])
        if len(outlets) == 1:
            initial.setdefault("outlet", outlets[0].pk)  # the person's only outlet
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    # Saving: a revision after every save, after tags and credits are saved too.

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=[*EDITABLE, "updated_at"])
        else:
            obj.created_by = request.user
            obj.save()
        if "image" in form.changed_data:
            # Renditions are made once here, never while a reader waits.
            make_renditions(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        # A credited author appears on the outlet's author pages.
        for credit in article.credits.select_related("author"):
            credit.author.outlets.add(article.outlet)
        corrections = article.corrections.count()
        revisions.record(
            article,
            by=request.user,
            before=form.current if change else None,
            before_snapshot=form.before_snapshot,
            correction_note=form.cleaned_data.get("correction_note", ""),
        )
        if article.corrections.count() > corrections:
            messages.info(request, _("The correction was logged for readers."))

    # "Save and send to the editor": one click from the form, the move made by workflow.

    def add_view(self, request, form_url="", extra_context=None):
        context = {"may_submit": _editor(request) is not None, **(extra_context or {})}
        return super().add_view(request, form_url, context)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit" in request.POST:
            return self._save_and_submit(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit" in request.POST:
            return self._save_and_submit(request, obj)
        return super().response_change(request, obj)

    def _save_and_submit(self, request, article):
        try:
            workflow.submit(article, by=_editor(request))
        except (workflow.TransitionError, PermissionDenied) as exc:
            messages.error(request, _("Saved, but not sent: %(why)s") % {"why": exc})
        else:
            messages.success(request, _("Saved and sent to the editor."))
        return self._back(article)

    # The change page: who else is here, workflow panel, history, notes, revisions.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if request.method == "GET":
            EditingPresence.objects.update_or_create(
                article=article,
                user=request.user,
                defaults={"opened_at": timezone.now()},
            )
        context = {**self._desk_context(request, article), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def _desk_context(self, request, article):
        editor = _editor(request)
        moves = workflow.available_moves(article, editor)
        since = timezone.now() - PRESENCE_WINDOW
        local_now = timezone.localtime(timezone.now(), article.outlet.zone)
        return {
            "moves": [
                (move, reverse("admin:articles_article_move", args=[article.pk, move]))
                for move in moves
            ],
            # Each form's own id prefix: the panel holds several forms on one page.
            "send_back_form": SendBackForm(auto_id="id_send_back_%s"),
            "schedule_form": ScheduleForm(
                auto_id="id_schedule_%s",
                initial={
                    "at": (local_now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:00")
                },
            ),
            "retract_form": RetractForm(auto_id="id_retract_%s"),
            "note_form": EditorialNoteForm(auto_id="id_internal_%s"),
            "may_submit": "submit" in moves and self.may_edit(request, article),
            "outlet_zone": article.outlet.zone_label,
            "uncredited": not article.credits.exists(),
            "keeps_source_date": workflow.keeps_source_date(article),
            "transitions": article.transitions.select_related("actor"),
            "notes": article.notes.select_related("author"),
            "revisions": article.revisions.select_related("author")[:30],
            "corrections": article.corrections.select_related("by"),
            "others_here": EditingPresence.objects.filter(
                article=article, opened_at__gte=since
            )
            .exclude(user=request.user)
            .select_related("user"),
            "preview_url": reverse("articles:preview", kwargs={"pk": article.pk}),
            "queue_url": reverse("admin:articles_article_queue"),
        }

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        form = context.get("adminform") and context["adminform"].form
        context["conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    # Views behind the panel's buttons.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("queue/", view(self.queue_view), name="articles_article_queue"),
            path(
                "<path:object_id>/move/<str:move>/",
                view(self.move_view),
                name="articles_article_move",
            ),
            path(
                "<path:object_id>/note/",
                view(self.note_view),
                name="articles_article_note",
            ),
            path(
                "<path:object_id>/revisions/",
                view(self.diff_view),
                name="articles_article_diff",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _back(self, article):
        return redirect("admin:articles_article_change", article.pk)

    def move_view(self, request, object_id, move):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if move not in MOVE_FORMS:
            raise Http404
        article = self.get_object(request, object_id)
        editor = _editor(request)
        form_class, apply = MOVE_FORMS[move]
        # A scheduled time is typed in the outlet's zone.
        with timezone.override(article.outlet.zone):
            form = form_class(request.POST)
            valid = form.is_valid()
        if editor is None:
            messages.error(request, _("Only staff with an editor profile can do this."))
        elif (
            move in CREDITED_MOVES
            and not (article.credits.exists() or request.POST.get("uncredited"))
            and workflow.may(editor, "publish", article)
        ):
            messages.error(request, UNCREDITED)
        elif not valid:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        else:
            try:
                apply(article, editor, form.cleaned_data)
            except (workflow.TransitionError, PermissionDenied) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, MOVE_DONE[move])
        return self._back(article)

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if not request.user.has_perm("articles.add_editorialnote"):
            raise PermissionDenied
        form = EditorialNoteForm(request.POST)
        if form.is_valid():
            EditorialNote.objects.create(
                article=article, author=request.user, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Note added."))
        else:
            messages.error(request, _("Write a note first."))
        return self._back(article)

    def diff_view(self, request, object_id):
        article = self.get_object(request, object_id)
        kept = list(article.revisions.select_related("author"))
        by_version = {revision.version: revision for revision in kept}
        new = by_version.get(_int(request.GET.get("b"))) or (kept and kept[0])
        old = by_version.get(_int(request.GET.get("a")))
        if old is None and new:
            old = next((r for r in kept if r.version < new.version), None)
        changes = revisions.changes(old.snapshot, new.snapshot) if old and new else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Revisions of “%(title)s”") % {"title": article.title},
            "article": article,
            "revisions": kept,
            "old": old,
            "new": new,
            "changes": changes,
            "may_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(self, request, object_id, version):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = article.revisions.filter(version=version).first()
        if revision is None:
            raise Http404
        form = RestoreForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The restore form was incomplete."))
            return self._back(article)
        try:
            restored = revisions.restore(
                article,
                revision,
                by=request.user,
                opened_version=form.cleaned_data["opened_version"],
                correction_note=form.cleaned_data["correction_note"],
            )
        except (revisions.EditConflict, revisions.CorrectionRequired) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Version %(old)s restored as version %(new)s.")
                % {"old": version, "new": restored.version},
            )
        return self._back(article)

    def queue_view(self, request):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("My queue"),
            "queue": desk_queue(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/queue.html", context)

    # List actions: each delegates to workflow, article by article.

    @admin.action(description=gettext_lazy("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, "submit", workflow.submit)

    @admin.action(
        description=gettext_lazy("Publish selected articles now"),
        permissions=["publish"],
    )
    def publish_selected(self, request, queryset):
        uncredited = queryset.filter(credits__isnull=True)
        for article in uncredited:
            messages.warning(request, f"{article}: {UNCREDITED}")
        self._apply(
            request, queryset.exclude(pk__in=uncredited), "publish", workflow.publish
        )

    @admin.action(
        description=gettext_lazy("Unpublish selected articles"),
        permissions=["publish"],
    )
    def unpublish_selected(self, request, queryset):
        self._apply(request, queryset, "unpublish", workflow.unpublish)

    def _apply(self, request, queryset, name, move, **kwargs):
        editor = _editor(request)
        if editor is None:
            messages.error(request, _("Only staff with an editor profile can do this."))
            return
        done = 0
        for article in queryset.select_related("outlet"):
            try:
                workflow.check(editor, name, article)
                move(article, by=editor, **kwargs)
            except (workflow.TransitionError, PermissionDenied) as exc:
                messages.warning(request, f"{article}: {exc}")
            else:
                done += 1
        messages.success(
            request,
            ngettext("%(n)d article updated.", "%(n)d articles updated.", done)
            % {"n": done},
        )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
