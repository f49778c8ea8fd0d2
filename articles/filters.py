"""Filters for the public article lists: rubric, region, tag, author, dates and text."""

import django_filters
from django import forms
from django.utils.translation import pgettext_lazy

from . import search
from .models import Article, ArticleCredit


class SlugFilter(django_filters.CharFilter):
    """A slug in the query string; anything else is an invalid filter, not a silent miss."""

    field_class = forms.SlugField


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=pgettext_lazy("public site", "Search"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    rubric = django_filters.ChoiceFilter(
        field_name="rubric__slug",
        label=pgettext_lazy("public site", "Rubric"),
        empty_label=pgettext_lazy("public site", "All rubrics"),
    )
    region = SlugFilter(field_name="region__slug", widget=forms.HiddenInput)
    # Tag slugs are unique, so the join cannot repeat an article.
    tag = SlugFilter(field_name="tags__slug", widget=forms.HiddenInput)
    author = SlugFilter(method="by_author", widget=forms.HiddenInput)
    date_from = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label=pgettext_lazy("public site", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label=pgettext_lazy("public site", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["q", "rubric", "region", "tag", "author", "date_from", "date_to"]

    def __init__(self, *args, rubrics=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The outlet's rubrics are already loaded for the navigation: no second query.
        self.filters["rubric"].extra["choices"] = [(r.slug, r.name) for r in rubrics]

    def search(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset

    def by_author(self, queryset, name, value):
        # A subquery, not a join: one author may hold two roles on the same article.
        credited = ArticleCredit.objects.filter(author__slug=value).values("article_id")
        return queryset.filter(pk__in=credited)
