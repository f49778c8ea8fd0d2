"""Test data helpers: sensible defaults, keyword overrides, no JSON fixtures."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.forms import FileField, ModelMultipleChoiceField, MultipleChoiceField
from django.utils import timezone

from articles.models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Author,
    Editor,
    EditorRole,
    Membership,
    Outlet,
    OutletStyle,
    OutletZone,
    Region,
    Rubric,
    Tag,
    name_key,
)

_seq = itertools.count(1)

PASSWORD = "kata-sandi-uji-123"


def make_outlet(**overrides) -> Outlet:
    n = next(_seq)
    fields = {
        "name": f"Outlet {n}",
        "slug": f"outlet-{n}",
        "style": OutletStyle.DEFAULT,
        "brand_label": f"OUTLET{n}.COM",
        "time_zone": OutletZone.WITA,
    }
    fields.update(overrides)
    return Outlet.objects.create(**fields)


def make_user(**overrides):
    n = next(_seq)
    fields = {"username": f"user{n}", "is_staff": True}
    fields.update(overrides)
    return get_user_model().objects.create_user(password=PASSWORD, **fields)


def make_editor(
    outlet: Outlet | None = None, role: str = EditorRole.EDITOR, **overrides
) -> Editor:
    """A staff member with a login and byline, holding `role` at `outlet`."""
    user = overrides.pop("user", None)
    credit_name = overrides.pop("credit_name", None)
    if user is None:
        username = f"user{next(_seq)}"
        editor = Editor.objects.create_person(
            username=username,
            credit_name=credit_name or f"Staf {username}",
            password=PASSWORD,
            **overrides,
        )
    else:
        credit_name = credit_name or f"Staf {user.username}"
        editor = Editor.objects.create(
            user=user, credit_name=credit_name, name_key=name_key(credit_name)
        )
    if outlet is not None:
        grant(editor, outlet, role)
    return editor


def grant(editor: Editor, outlet: Outlet, role: str = EditorRole.EDITOR) -> Editor:
    """Give `editor` a (further) role at `outlet`."""
    Membership.objects.grant(editor, outlet, role)
    return editor


def make_author(name: str | None = None, outlet: Outlet | None = None) -> Author:
    author = Author.objects.for_name(name or f"Penulis {next(_seq)}")
    if outlet is not None:
        author.outlets.add(outlet)
    return author


def make_article(outlet: Outlet | None = None, **overrides) -> Article:
    """An article; a published one gets published_at (default: an hour ago) and published_on.

    Status is set directly here only to build test state; the application moves it via workflow.
    """
    n = next(_seq)
    outlet = outlet or make_outlet()
    status = overrides.pop("status", ArticleStatus.PUBLISHED)
    authors = overrides.pop("authors", [])
    tags = overrides.pop("tags", [])
    fields = {
        "title": f"Berita uji nomor {n}",
        "slug": f"berita-uji-{n}",
        "lead": "",
        "body": f"<p>Paragraf pertama berita {n}.</p><p>Paragraf kedua.</p>",
    }
    fields.update(overrides)
    if status in (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED):
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if fields.get("published_at") is not None:
        fields.setdefault(
            "published_on", fields["published_at"].astimezone(outlet.zone).date()
        )
    article = Article.objects.create(outlet=outlet, status=status, **fields)
    for order, author in enumerate(authors):
        ArticleCredit.objects.create(article=article, author=author, order=order)
        author.outlets.add(outlet)
    if tags:
        article.tags.set(tags)
    return article


def make_rubric(outlet: Outlet, name: str = "Hukum") -> Rubric:
    from django.utils.text import slugify

    return Rubric.objects.create(outlet=outlet, name=name, slug=slugify(name))


def make_region(outlet: Outlet, name: str = "Nusa Tenggara Timur") -> Region:
    from django.utils.text import slugify

    return Region.objects.get_or_create(
        outlet=outlet, slug=slugify(name), defaults={"name": name}
    )[0]


def make_tag(outlet: Outlet, name: str = "Kamtibmas") -> Tag:
    from django.utils.text import slugify

    return Tag.objects.get_or_create(
        outlet=outlet, slug=slugify(name), defaults={"name": name}
    )[0]


def change_form_data(response, **overrides) -> dict:
    """The POST data an admin change form would send as rendered, with overrides."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, FileField):
            continue  # An unchanged upload is simply not sent.
        value = form[name].value()
        if value is None and isinstance(
            field, MultipleChoiceField | ModelMultipleChoiceField
        ):
            value = []
        if isinstance(value, list | tuple):
            value = [str(getattr(item, "pk", item)) for item in value]
            # A raw-id widget reads one comma-separated value.
            if name == "related":
                value = ",".join(value)
        data[name] = "" if value is None else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                data[subform.add_prefix(name)] = "" if value is None else value
    data.update(overrides)
    return data
