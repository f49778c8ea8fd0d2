"""Scheduling through the admin: hidden until its time, public after, with no cron."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article, ArticleStatus, OutletZone
from tests.factories import make_article, make_author, make_editor, make_outlet

pytestmark = pytest.mark.django_db


def test_a_scheduled_article_is_hidden_until_its_time_in_the_outlets_zone(client):
    outlet = make_outlet(time_zone=OutletZone.WITA)
    editor = make_editor(outlet)
    article = make_article(
        outlet,
        status=ArticleStatus.IN_REVIEW,
        title="Pagi ini",
        authors=[make_author()],
    )
    wita = outlet.zone
    with time_machine.travel(datetime(2026, 3, 2, 6, 0, tzinfo=wita), tick=False):
        client.force_login(editor.user)
        client.post(
            reverse("admin:articles_article_move", args=[article.pk, "schedule"]),
            {"at": "2026-03-02T09:00"},
        )
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 3, 2, 9, 0, tzinfo=wita)
    client.logout()
    home = reverse("articles:outlet", kwargs={"outlet": outlet.slug})

    with time_machine.travel(article.published_at - timedelta(minutes=1), tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert "Pagi ini" not in client.get(home).text
        assert client.get(article.get_absolute_url()).status_code == 404

    with time_machine.travel(article.published_at + timedelta(minutes=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert "Pagi ini" in client.get(home).text
        assert client.get(article.get_absolute_url()).status_code == 200
