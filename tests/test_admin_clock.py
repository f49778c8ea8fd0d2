"""One clock on the desk: every moment in its article's outlet zone, labelled."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles import workflow
from articles.admin.clock import desk_zone
from articles.models import ArticleStatus, EditorRole, OutletZone
from tests.factories import make_article, make_editor, make_outlet

pytestmark = pytest.mark.django_db
# 16.00 UTC is 23.00 WIB on the 19th and 0.00 WITA on the 20th.
MOMENT = datetime(2026, 8, 19, 16, 0, tzinfo=UTC)


def test_a_person_across_zones_sees_each_article_in_its_own(client):
    kupang = make_outlet(time_zone=OutletZone.WITA)
    blitar = make_outlet(time_zone=OutletZone.WIB)
    editor = make_editor(kupang, EditorRole.EDITOR)
    editor.outlets.add(blitar)
    make_article(kupang, title="Berita Kupang", published_at=MOMENT)
    make_article(blitar, title="Berita Blitar", published_at=MOMENT)
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_article_changelist")).text

    assert "20 Agu 2026, 0.00 WITA" in page
    assert "19 Agu 2026, 23.00 WIB" in page


def test_the_status_history_and_revisions_use_the_outlet_zone(client):
    outlet = make_outlet(time_zone=OutletZone.WITA)
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    workflow.submit(article, by=editor)
    article.transitions.update(at=MOMENT)
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "20 Agu 2026, 0.00 WITA" in page.text
    assert "23.00" not in page.text


def test_the_history_lists_use_the_outlet_zone(client):
    outlet = make_outlet(time_zone=OutletZone.WIT)
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    workflow.submit(article, by=editor)
    article.transitions.update(at=MOMENT)
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_transition_changelist"))

    assert "20 Agu 2026, 1.00 WIT" in page.text


def test_the_desk_zone_is_the_persons_outlets_zone_when_they_share_one():
    kupang = make_outlet(time_zone=OutletZone.WITA)
    one_zone = make_editor(kupang)
    two_zones = make_editor(kupang)
    two_zones.outlets.add(make_outlet(time_zone=OutletZone.WIB))

    assert str(desk_zone(one_zone.user)) == "Asia/Makassar"
    assert str(desk_zone(two_zones.user)) == "Asia/Jakarta"
