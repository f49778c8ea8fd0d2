import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The five real scraped articles (one per launch outlet) and their expected fields.
SEED_DIR = REPO / "tests" / "fixtures" / "seeds"
SEEDS = sorted(SEED_DIR.glob("*.txt"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files and renditions go to a per-test folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_sessionstart(session):
    if len(SEEDS) != 5:
        raise pytest.UsageError(f"Expected the five seed articles in {SEED_DIR}.")


def pytest_collection_modifyitems(config, items):
    _deselect_other_databases(config, items)
    # Browser tests need Debian's Chromium; on CI its absence is a failure, not a skip.
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if browser_items and os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but Chromium is not installed at {CHROMIUM}.")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """No test sees another's cached rubric menu or beacon readers (ids are reused)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Real hashing makes every login in the suite take a quarter second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fake_parse(monkeypatch):
    """Swap the placeholder parser for tests/fake_parser.py (until the real one is merged)."""
    from articles import importing

    from . import fake_parser

    monkeypatch.setattr(importing, "parse", fake_parser.parse)
    return fake_parser


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright.

    Create test data in fixtures requested BEFORE this one, and make no ORM calls while it
    runs: Playwright's sync API switches greenlets, and with them the context Django keys
    its connections on, so an ORM call would open a second connection that nothing closes
    (PostgreSQL then refuses to drop the test database).
    """
    # Playwright's sync API runs an event loop; Django's ORM then refuses by default.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _deselect_other_databases(config, items):
    """Tests marked `database("postgresql")` run on PostgreSQL only (and likewise SQLite).

    The suite runs once per database, so every such test runs in one of the two runs.
    """
    from django.db import connection

    other = [
        item
        for item in items
        if (mark := item.get_closest_marker("database"))
        and mark.args[0] != connection.vendor
    ]
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = [item for item in items if item not in other]
