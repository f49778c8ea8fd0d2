from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Newsroom")


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the desk's site (dashboard queue, writers' menu)."""

    default = False  # ArticlesConfig stays this module's default
    default_site = "articles.admin_site.DeskSite"
