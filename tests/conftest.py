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


# Servers the test scripts start (scripts/with-services.sh, with-postgres.sh) and the
# variable through which each reaches the suite; see `needs` in pyproject's markers.
SERVICES = {
    "redis": "TEST_REDIS_URL",
    "s3": "TEST_S3_ENDPOINT_URL",
    "replica": "DATABASE_REPLICA_URL",
}


def pytest_collection_modifyitems(config, items):
    _deselect_other_databases(config, items)
    _require_services(items)
    # Browser tests need Debian's Chromium; on CI its absence is a failure, not a skip.
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if browser_items and os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but Chromium is not installed at {CHROMIUM}.")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests build state with factories, behind the page cache's back: it is off unless a
    test asks for `page_cache` (tests/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield cache


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


def _require_services(items):
    """Tests marked `needs("redis")` etc. run against real servers; on CI a missing one
    is a failure, elsewhere the test is skipped."""
    for item in items:
        mark = item.get_closest_marker("needs")
        if mark is None:
            continue
        variable = SERVICES[mark.args[0]]
        if os.environ.get(variable):
            continue
        if os.environ.get("CI", "").lower() == "true":
            raise pytest.UsageError(
                f"CI=true but {variable} is not set: run the suite with scripts/run-tests.sh."
            )
        item.add_marker(pytest.mark.skip(reason=f"{variable} not set"))


@pytest.fixture(autouse=True)
def _reads_from_the_primary(request, settings, monkeypatch):
    """Only replica tests use the replica: the others write inside a transaction that is
    never committed, so a replica would never see their rows."""
    mark = request.node.get_closest_marker("needs")
    if "replica" in settings.DATABASES and not (mark and mark.args[0] == "replica"):
        from newsroom import db

        settings.DATABASE_ROUTERS = []
        monkeypatch.setattr(db, "has_replica", lambda: False)


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


@pytest.fixture
def role_groups(transactional_db):
    """The role groups of migration 0002, for tests that commit: an earlier such test's
    flush empties every table, and only permissions come back by themselves."""
    from importlib import import_module

    from django.contrib.auth.models import Group, Permission

    roles = import_module("articles.migrations.0002_role_groups").ROLE_PERMISSIONS
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )
