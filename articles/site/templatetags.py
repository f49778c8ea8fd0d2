"""`outlet_tags`: what the Django-language templates of the readers' side use (the
sitemaps, rendered by django.contrib.sitemaps). The public pages are Jinja2 templates;
their helpers live in articles/site/jinja.py."""

from django import template

from .jinja import iso_local, sitemap_lastmod

register = template.Library()
register.filter("iso_local", iso_local)
register.filter("sitemap_lastmod", sitemap_lastmod)
