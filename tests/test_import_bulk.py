"""The import's bulk inserts store exactly what the ORM's `bulk_create` stores."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.fields import sanitise_body
from articles.importing import bulk
from articles.models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    ArticleType,
    CreditRole,
    RelatedLink,
    Rubric,
    Transition,
)
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_user,
)

pytestmark = pytest.mark.django_db

# Cleaned on the way in: the script goes, the quotes come out unescaped.
RAW_BODY = (
    "<p>Kata &#x27;kutip&#x27; &amp; &quot;ganda&quot;</p>"
    "<p onclick='x()'>Dua<script>alert(1)</script></p>"
)
# Set by the database clock of the process, not by the caller.
STAMPED = {"created_at", "updated_at"}


def _article_fields():
    outlet = make_outlet()
    editor = make_editor(outlet)
    published = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    return {
        "outlet": outlet,
        "title": "Judul 'berita' uji",
        "slug": "judul-berita-uji",
        "lead": "Teras berita.",
        "body": RAW_BODY,
        "article_type": ArticleType.OPINION,
        "rubric": make_rubric(outlet),
        "region": make_region(outlet),
        "editor": editor,
        "created_by": make_user(),
        "dateline_place": "KUPANG",
        "image": "articles/2025/03/foto.jpg",
        "image_caption": "Keterangan foto.",
        "image_credit": "Dok. Humas",
        "image_renditions": [{"width": 320, "webp": "a.webp", "jpeg": "a.jpg"}],
        "image_width": 1200,
        "image_height": 800,
        "status": ArticleStatus.RETRACTED,
        "published_at": published,
        "published_date_only": True,
        "published_on": date(2025, 3, 4),
        "published_by": editor,
        "retracted_at": published + timedelta(days=1),
        "retraction_reason": "Salah nama.",
        "content_modified_at": published + timedelta(hours=2),
        "version": 3,
        "source_file": "folder/berkas.txt",
        "content_hash": "a" * 64,
        "flag": "Periksa tanggal",
    }


def _transition_fields():
    return {
        "article": make_article(),
        "actor": make_user(),
        "at": datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC),
        "from_status": ArticleStatus.IN_REVIEW,
        "to_status": ArticleStatus.PUBLISHED,
        "note": "import",
    }


def _credit_fields():
    return {
        "article": make_article(),
        "author": make_author("Ana Bria"),
        "role": CreditRole.REPORTER,
        "order": 2,
    }


def _link_fields():
    return {
        "article": make_article(),
        "position": 3,
        "headline": "Berita Lain",
        "target": make_article(),
    }


ROWS = {
    Article: _article_fields,
    Transition: _transition_fields,
    ArticleCredit: _credit_fields,
    RelatedLink: _link_fields,
}


def _stored(model, pk) -> dict:
    return model.objects.filter(pk=pk).values().get()


def _bulk_articles(count: int, **fields) -> list[Article]:
    outlet = make_outlet()
    articles = [
        Article(outlet=outlet, title=f"Berita {n}", slug=f"berita-{n}", **fields)
        for n in range(count)
    ]
    bulk.insert(articles)
    return articles


@pytest.mark.parametrize("model", ROWS, ids=lambda model: model.__name__)
def test_every_column_is_stored_as_bulk_create_stores_it(model):
    fields = ROWS[model]()
    by_orm = model(**fields)
    model.objects.bulk_create([by_orm])
    expected = _stored(model, by_orm.pk)
    by_orm.delete()  # its unique values are free again

    by_bulk = model(**fields)
    bulk.insert([by_bulk])
    stored = _stored(model, by_bulk.pk)

    # Every column has a value of its own here (no default, no null), so a field added
    # to the model fails this test until it is given one, and is then compared too.
    for column in model._meta.concrete_fields:
        if not column.primary_key:
            assert expected[column.attname] not in (None, "", [], column.get_default())
    for name in STAMPED & set(stored):
        assert abs(stored.pop(name) - expected.pop(name)) < timedelta(minutes=1)
    assert stored.pop("id") != expected.pop("id")
    assert stored == expected
    assert by_bulk._state.adding is False


def test_a_naive_moment_is_stored_as_the_orm_stores_it():
    naive = datetime(2025, 3, 4, 5, 6, 7)
    outlet = make_outlet()
    by_orm = Article(outlet=outlet, title="a", slug="a", body="x", published_at=naive)
    by_bulk = Article(outlet=outlet, title="b", slug="b", body="x", published_at=naive)

    with pytest.warns(RuntimeWarning, match="naive datetime"):
        Article.objects.bulk_create([by_orm])
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        bulk.insert([by_bulk])

    stored = Article.objects.filter(outlet=outlet).order_by("slug")
    assert [a.published_at for a in stored] == [
        timezone.make_aware(naive),
        timezone.make_aware(naive),
    ]


def test_a_related_object_saved_late_or_not_at_all_is_handled_as_bulk_create_does():
    outlet = make_outlet()
    rubric = Rubric(outlet=outlet, name="Baru", slug="baru")
    article = Article(outlet=outlet, title="a", slug="a", body="x", rubric=rubric)

    with pytest.raises(ValueError, match="unsaved related object 'rubric'"):
        bulk.insert([article])
    assert not Article.objects.exists()

    rubric.save()
    bulk.insert([article])

    assert Article.objects.get(pk=article.pk).rubric == rubric


def test_the_body_is_sanitised_as_the_field_does_it():
    (article,) = _bulk_articles(1, body=RAW_BODY)

    body = Article.objects.get(pk=article.pk).body

    assert body == sanitise_body(RAW_BODY)
    assert "script" not in body and "onclick" not in body
    assert "'kutip'" in body


def test_the_rows_get_their_ids_in_the_order_given():
    articles = _bulk_articles(3)

    ids = [article.pk for article in articles]

    assert ids == sorted(ids)
    assert [Article.objects.get(pk=pk).title for pk in ids] == [
        "Berita 0",
        "Berita 1",
        "Berita 2",
    ]
    assert all(
        article.created_at is not None and article.created_at <= timezone.now()
        for article in articles
    )


def test_a_constraint_violation_is_an_integrity_error_and_writes_nothing():
    outlet = make_outlet()
    twins = [
        Article(outlet=outlet, title=f"Kembar {n}", slug=f"kembar-{n}", body="x")
        for n in range(2)
    ]
    for twin in twins:
        twin.content_hash = "b" * 64

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(twins)

    assert not Article.objects.filter(outlet=outlet).exists()
