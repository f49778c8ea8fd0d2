"""DEBUG=false: static files from collectstatic's manifest, and never a 500 without one."""

import json
import logging
from pathlib import Path

import pytest
from django.conf import settings

from newsroom.staticfiles import StaticStorage
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path, monkeypatch):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.staticfiles.StaticStorage"},
    }
    monkeypatch.setattr(StaticStorage, "_warned", False)
    return settings.STATIC_ROOT


def test_without_collectstatic_pages_still_render_and_a_warning_says_why(
    client, production_static, caplog
):
    outlet = make_outlet()
    make_article(outlet)

    with caplog.at_level(logging.WARNING, logger="newsroom.staticfiles"):
        response = client.get(f"/{outlet.slug}/")

    assert response.status_code == 200
    assert 'href="/static/css/site.css"' in response.text
    assert "collectstatic" in caplog.text


def test_after_collectstatic_pages_use_the_hashed_names(client, production_static):
    static = Path(settings.BASE_DIR) / "static"
    paths = {
        str(path.relative_to(static)): str(path.relative_to(static))
        for path in static.rglob("*")
        if path.is_file()
    }
    manifest = {
        "version": "1.1",
        "hash": "1",
        "paths": {**paths, "css/site.css": "css/site.0a1b2c.css"},
    }
    (production_static / "staticfiles.json").write_text(json.dumps(manifest))
    outlet = make_outlet()

    response = client.get(f"/{outlet.slug}/")

    assert response.status_code == 200
    assert 'href="/static/css/site.0a1b2c.css"' in response.text
