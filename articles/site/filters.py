"""Filters for the public article lists: rubric, region, tag, author, dates and text."""

from datetime import date

import django_filters
from django import forms
from django.utils.translation import pgettext_lazy

from ..models import Article, ArticleCredit
from . import search


class SlugFilter(django_filters.CharFilter):
    """A slug in the query string; anything else is an invalid filter, not a silent miss."""

    field_class = forms.SlugField


class DateInput(forms.DateInput):
    """A native date picker; a value it cannot show (a bad date typed in the URL) is dropped."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        formatted = super().format_value(value)
        try:
            date.fromisoformat(formatted or "")
        except ValueError:
            return None
        return formatted


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
    # Tag slugs are unique per outlet and lists are one outlet's: no repeated article.
    tag = SlugFilter(field_name="tags__slug", widget=forms.HiddenInput)
    author = SlugFilter(method="by_author", widget=forms.HiddenInput)
    date_from = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label=pgettext_lazy("public site", "From"),
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label=pgettext_lazy("public site", "To"),
        widget=DateInput(),
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
