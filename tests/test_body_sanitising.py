"""The article body is cleaned by its model field, whichever path writes it."""

import html

import nh3
import pytest

from articles.fields import BODY_ATTRIBUTES, BODY_TAGS, sanitise_body
from articles.models import Article
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<p onclick="alert(1)">Berita <script>alert(2)</script>'
    '<a href="javascript:alert(3)">tautan</a>'
    '<img src=x onerror="alert(4)"></p><iframe src="https://jahat.example"></iframe>'
)


def _assert_clean(article):
    article.refresh_from_db()
    lowered = article.body.lower()
    for trace in ("script", "onclick", "onerror", "javascript:", "<img", "<iframe"):
        assert trace not in lowered, article.body
    assert "Berita" in article.body and "tautan" in article.body


def test_save_stores_a_clean_body():
    _assert_clean(make_article(body=PAYLOAD))


def test_bulk_create_stores_a_clean_body():
    template = make_article()
    fields = {
        f.name: getattr(template, f.name)
        for f in Article._meta.concrete_fields
        if not f.primary_key
    }
    fields.update(slug="massal", body=PAYLOAD)

    (created,) = Article.objects.bulk_create([Article(**fields)])

    _assert_clean(Article.objects.get(slug="massal"))


def test_queryset_update_stores_a_clean_body():
    article = make_article()

    Article.objects.filter(pk=article.pk).update(body=PAYLOAD)

    _assert_clean(article)


def test_bulk_update_stores_a_clean_body():
    article = make_article()
    article.body = PAYLOAD

    Article.objects.bulk_update([article], ["body"])

    _assert_clean(article)


def test_importer_stores_a_clean_body(fake_parse, tmp_path):
    from django.core.management import call_command

    outlet = make_outlet(slug="pos-kupang", name="Pos-Kupang")
    source = tmp_path / "berita.txt"
    source.write_text(
        fake_parse.article_text(
            outlet="pos-kupang",
            title="Judul berita uji",
            published="2025-08-22",
            body=[PAYLOAD, "Paragraf kedua."],
        ),
        encoding="utf-8",
    )

    call_command("import_articles", str(source))

    stored = Article.objects.get(outlet=outlet).body.lower()
    for trace in ("<script", "<a ", "<img", "<iframe", "<p onclick"):
        assert trace not in stored, stored


def test_a_search_for_markup_is_not_rewritten():
    make_article(body="<p>a &lt;b&gt; c</p>")

    assert Article.objects.filter(body="<p>a &lt;b&gt; c</p>").count() == 1


# Paragraphs of escaped text, as the importer builds them, take the sanitiser's shortcut;
# the cleaner would have returned the same. The last ones hold what the cleaner changes
# (no-break space, NUL, CR) or a tag, and go through it.
IMPORTED_TEXTS = [
    ["Kata 'kutip' & \"ganda\" <ke> “lengkung” — 5 > 3", "Paragraf dua: é ü 文 😀"],
    ["&amp; &quot; &#x27; sudah tertulis", "a  b\tc", ""],
    ["spasi\u00a0keras"],
    ["nul\x00di tengah"],
    ["baris\rbaru"],
]


@pytest.mark.parametrize("paragraphs", IMPORTED_TEXTS)
def test_an_imported_body_is_stored_as_the_cleaner_returns_it(paragraphs):
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    cleaner = nh3.Cleaner(tags=BODY_TAGS, attributes=BODY_ATTRIBUTES)

    assert sanitise_body(body) == cleaner.clean(body)
