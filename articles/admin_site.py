"""The desk's admin site (Django's default site, see apps.DeskAdminConfig): the dashboard
shows the person's queue, and writers see only the menu entries they use. It lives
outside the admin package, which registers models on this site as it is imported."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog

from . import workflow
from .models import Editor

# Writers (no role that may publish, at any outlet) file articles; the history lists, people and
# taxonomy are the editors' tools. Model names as the admin's app list spells them.
WRITER_MENU = {"Article"}


class DeskSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        editor = getattr(request.user, "editor", None)
        if request.user.is_superuser or workflow.offers(editor, "publish"):
            return app_list
        for app in app_list:
            app["models"] = [
                m for m in app["models"] if m["object_name"] in WRITER_MENU
            ]
        return [app for app in app_list if app["models"]]

    def get_urls(self):
        own = [
            path(
                "language/",
                self.admin_view(self.language_view),
                name="desk_language",
            )
        ]
        return own + super().get_urls()

    def i18n_javascript(self, request, extra_context=None):
        # The desk's own catalog after Django's: its strings win (e.g. the tag picker's
        # "Choose", which Django's Indonesian catalog leaves in English).
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin", "articles"])(
            request
        )

    def language_view(self, request):
        """A person's own desk language: Indonesian unless they choose English."""
        editor = getattr(request.user, "editor", None)
        form = LanguageForm(request.POST or None, instance=editor)
        if editor is not None and request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Language saved."))
            return redirect("admin:desk_language")
        context = {
            **self.each_context(request),
            "title": _("Desk language"),
            "form": form,
            "has_profile": editor is not None,
        }
        return TemplateResponse(request, "admin/desk_language.html", context)

    def index(self, request, extra_context=None):
        context = {"queue": desk_queue(request.user), **(extra_context or {})}
        return super().index(request, context)


def desk_queue(user) -> dict:
    """The queue of workflow.queue with what the desk shows of each item: its writers."""
    return {
        name: list(articles.prefetch_related("credits__author"))
        for name, articles in workflow.queue(user).items()
    }


class LanguageForm(forms.ModelForm):
    class Meta:
        model = Editor
        fields = ["language"]
        labels = {"language": gettext_lazy("Language of the desk")}
