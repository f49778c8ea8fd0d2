"""Admin registrations: the article desk, outlets, people and taxonomy, and history.

Transitions, revisions, corrections and notes are shown on their article's change page;
`history` adds read-only lists of them, filtered by the same outlet rules as the desk.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, history, pages, people  # noqa: F401

admin.site.site_header = _("Newsroom desk")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")
