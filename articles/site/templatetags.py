"""`outlet_tags`: what the Django-language templates of the readers' side use (the
sitemaps, rendered by django.contrib.sitemaps). The public pages are Jinja2 templates;
their helpers live in articles/site/jinja.py."""

from django import template

from .jinja import iso_local

register = template.Library()
register.filter("iso_local", iso_local)


@register.filter
def sitemap_lastmod(article) -> str:
    """An article's last change in its outlet's zone: a WITA story keeps its own day."""
    return iso_local(article.modified_at, article.outlet)
