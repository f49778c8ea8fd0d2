"""Admin registrations: the article desk, and outlets, people and taxonomy.

Transitions, revisions, corrections and notes have no lists of their own: they are shown
on their article's change page, where the outlet rules already apply.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, people  # noqa: F401

admin.site.site_header = _("Newsroom desk")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")
