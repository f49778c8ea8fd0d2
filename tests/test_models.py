from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleStatus, Author, name_key
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status",
    [
        ArticleStatus.DRAFT,
        ArticleStatus.IN_REVIEW,
        ArticleStatus.CHANGES_REQUESTED,
        ArticleStatus.RETRACTED,
    ],
)
def test_unpublished_articles_are_hidden_from_the_public(status):
    article = make_article(status=status)

    assert article not in Article.objects.published()


def test_a_published_article_is_shown_to_the_public():
    article = make_article(status=ArticleStatus.PUBLISHED)

    assert list(Article.objects.published()) == [article]


def test_a_scheduled_article_is_hidden_until_its_time():
    article = make_article(published_at=timezone.now() + timedelta(hours=2))

    assert article not in Article.objects.published()
    assert article in Article.objects.scheduled()


def test_a_retracted_article_keeps_its_page_but_leaves_the_lists():
    article = make_article(status=ArticleStatus.RETRACTED)

    assert article not in Article.objects.published()
    assert article in Article.objects.on_record()


def test_slug_is_unique_per_outlet_and_publication_date():
    outlet = make_outlet()
    day = timezone.now() - timedelta(days=1)
    make_article(outlet, slug="kapolda-berkunjung", published_at=day)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(outlet, slug="kapolda-berkunjung", published_at=day)


def test_the_same_slug_is_allowed_on_another_day_or_outlet():
    outlet = make_outlet()
    make_article(outlet, slug="patroli", published_on=date(2023, 7, 20))

    make_article(
        outlet, slug="patroli", published_at=timezone.now() - timedelta(days=3)
    )
    make_article(make_outlet(), slug="patroli", published_on=date(2023, 7, 20))

    assert Article.objects.filter(slug="patroli").count() == 3


@pytest.mark.parametrize(
    "variant",
    ["Dionisius  Rebon", "dionisius rebon", "Dionisius Rebon,", " DIONISIUS REBON."],
)
def test_author_name_variants_are_one_person(variant):
    original = Author.objects.for_name("Dionisius Rebon")

    assert Author.objects.for_name(variant) == original
    assert Author.objects.count() == 1
    assert original.name == "Dionisius Rebon"


def test_different_people_are_different_authors():
    assert Author.objects.for_name("Dionisius Rebon") != Author.objects.for_name(
        "Rosalina Woso"
    )


def test_name_key_ignores_accents_case_and_punctuation():
    assert (
        name_key("Agustinus  Sape'") == name_key("agustinus sape") == "agustinus sape"
    )
    assert name_key("José") == "jose"


def test_author_with_a_taken_name_is_refused_by_validation():
    from django.core.exceptions import ValidationError

    Author.objects.for_name("Sefnat Besie")
    duplicate = Author(name="sefnat  besie", slug="sefnat-besie-2")

    with pytest.raises(ValidationError):
        duplicate.full_clean()
