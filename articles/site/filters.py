"""Filters for the public article lists: rubric, region, tag, author, dates and text."""

import copy
import functools
import re
from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import npgettext_lazy, pgettext_lazy

from ..models import Article, ArticleCredit
from . import search


class SlugFilter(django_filters.CharFilter):
    """A slug in the query string; anything else is an invalid filter, not a silent miss."""

    field_class = forms.SlugField


# A reader's question fits in a line; beyond these the query only costs the database
# (SQLite refuses a very long one outright: "Expression tree is too large").
SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 20


class SearchField(forms.CharField):
    """The search box: refused, with a message, when longer than a reader would type."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # max_length would also set the input's maxlength: a pasted query is then cut
        # silently, while the error says why nothing was searched.
        self.validators.append(self._bounded)

    @staticmethod
    def _bounded(value):
        if len(value) > SEARCH_MAX_CHARS:
            raise ValidationError(
                npgettext_lazy(
                    "public site",
                    "The search is too long: use at most %(limit)d character.",
                    "The search is too long: use at most %(limit)d characters.",
                    "limit",
                ),
                code="max_length",
                params={"limit": SEARCH_MAX_CHARS},
            )
        # Words as search.expand() splits them.
        if len(re.findall(r"\w+", value)) > SEARCH_MAX_WORDS:
            raise ValidationError(
                npgettext_lazy(
                    "public site",
                    "The search is too long: use at most %(limit)d word.",
                    "The search is too long: use at most %(limit)d words.",
                    "limit",
                ),
                code="max_words",
                params={"limit": SEARCH_MAX_WORDS},
            )


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


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
    q = SearchFilter(
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

    def get_form_class(self):
        # The same form for every list of an outlet: built once per set of rubrics.
        return _form_class(tuple(self.filters["rubric"].extra["choices"]))

    def filter_queryset(self, queryset):
        # The text last: search ranks the newest matches among what the others keep, and
        # gives their ids, best first (a list, which the list views paginate).
        data = dict(self.form.cleaned_data)
        text = data.pop("q", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.filters["q"].filter(queryset, text)

    def search(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset

    def by_author(self, queryset, name, value):
        # A subquery, not a join: one author may hold two roles on the same article.
        credited = ArticleCredit.objects.filter(author__slug=value).values("article_id")
        return queryset.filter(pk__in=credited)


class _Filters(dict):
    """`ArticleFilter.base_filters`, which django-filter deep-copies for every list
    page: a copy of each filter and of its `extra` is all a filter set changes (its
    model, parent, and the rubric choices), at a fifth of the cost."""

    def __deepcopy__(self, memo):
        filters = {}
        for name, original in self.items():
            filters[name] = clone = copy.copy(original)
            clone.extra = dict(original.extra)
            clone.__dict__.pop("_field", None)  # its form field is built afresh
            if clone.method is not None:
                clone.method = clone.method  # its FilterMethod calls the copy's parent
        return filters


ArticleFilter.base_filters = _Filters(ArticleFilter.base_filters)


@functools.lru_cache(maxsize=64)
def _form_class(rubric_choices):
    """ArticleFilter's form for an outlet with `rubric_choices`."""
    filters = copy.deepcopy(ArticleFilter.base_filters)
    filters["rubric"].extra["choices"] = list(rubric_choices)
    fields = {name: filter_.field for name, filter_ in filters.items()}
    return type("ArticleFilterForm", (ArticleFilter._meta.form,), fields)
