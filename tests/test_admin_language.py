"""The desk speaks Indonesian whatever the browser asks; English only by a person's choice."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import ArticleStatus, EditorRole
from tests.factories import change_form_data, make_article, make_editor, make_outlet

REPO = Path(__file__).resolve().parent.parent
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


@pytest.mark.django_db
def test_the_desk_is_indonesian_for_an_english_browser(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    make_article(outlet)
    login = client.get(reverse("admin:login"), **ENGLISH_BROWSER)
    client.force_login(editor.user)

    listing = client.get(
        reverse("admin:articles_article_changelist"), **ENGLISH_BROWSER
    )

    assert 'lang="id"' in listing.text
    assert "Diperbarui" in listing.text
    assert "Berdasarkan diperbarui" in listing.text
    assert "updated at" not in listing.text.lower()
    assert 'lang="id"' in login.text


@pytest.mark.django_db
def test_english_is_a_persons_own_choice(client):
    editor = make_editor(make_outlet())
    client.force_login(editor.user)

    client.post(reverse("admin:desk_language"), {"language": "en"})

    editor.refresh_from_db()
    assert editor.language == "en"
    page = client.get(reverse("admin:index"))
    assert 'lang="en"' in page.text


@pytest.mark.django_db
def test_the_credit_inline_and_the_revision_list_use_human_labels(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    client.force_login(editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, change_form_data(client.get(url), title="Judul baru"))

    page = client.get(url, **ENGLISH_BROWSER).text

    assert "Penulis" in page  # the credit's author column
    revisions = page.split('id="article-revisions"')[1]
    assert "judul" in revisions.lower()
    assert "title," not in revisions


@pytest.mark.django_db
def test_the_tag_pickers_help_is_indonesian(client):
    client.force_login(make_editor(make_outlet()).user)

    catalog = client.get(reverse("admin:jsi18n"), **ENGLISH_BROWSER).text

    assert 'tombol panah \\"Pilih\\"' in catalog
    assert "Subjudul" in catalog  # the body editor's menu


@pytest.mark.parametrize(
    "po",
    sorted(
        [
            *REPO.glob("locale/*/LC_MESSAGES/*.po"),
            *REPO.glob("articles/locale/*/LC_MESSAGES/*.po"),
        ]
    ),
    ids=lambda po: str(po.relative_to(REPO)),
)
def test_the_committed_translations_are_compiled_from_their_po(po, tmp_path):
    if not shutil.which("msgfmt"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but msgfmt (gettext) is missing")
        pytest.skip("msgfmt (gettext) not installed")
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "-o", fresh, po], check=True)

    def catalog(mo):
        with open(mo, "rb") as file:
            return gettext.GNUTranslations(file)._catalog

    assert catalog(po.with_suffix(".mo")) == catalog(fresh), "run `make messages`"
