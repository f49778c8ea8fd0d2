"""Imported seeds as readers see them: the outlet's dateline, byline and dates."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article

from .conftest import SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_seeds():
    call_command("load_demo", stories=0, stdout=io.StringIO(), stderr=io.StringIO())
    Article.objects.all().delete()
    call_command("import_articles", *map(str, SEEDS), stdout=io.StringIO())


def page_of(client, outlet_slug):
    article = Article.objects.get(outlet__slug=outlet_slug)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_a_date_only_article_shows_its_day_without_an_invented_time(
    client, imported_seeds
):
    text = page_of(client, "tribratanews-ntt")

    assert "Kamis, 20 Juli 2023</time>" in text
    assert "00:00 WITA" not in text


def test_a_stamped_article_shows_its_time_in_the_outlets_zone(client, imported_seeds):
    text = page_of(client, "blitar-update")

    assert "Jun 9, 2023 - 10:14" in text
    assert "Achmad Sarjono</a> - BLITAR.UPDATE.CO.ID" in text


def test_imported_pos_kupang_article_reads_like_the_outlet(client, imported_seeds):
    text = page_of(client, "pos-kupang")

    assert "Selasa, 22 Agustus 2023</time>" in text
    assert "POS-KUPANG.COM, KEFAMENANU - " in text
    assert "Rosalina Woso" in text
