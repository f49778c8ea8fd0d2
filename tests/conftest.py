import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files and renditions go to a per-test folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def pytest_collection_modifyitems(config, items):
    # Browser tests need Debian's Chromium; on CI its absence is a failure, not a skip.
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if browser_items and os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but Chromium is not installed at {CHROMIUM}.")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}"))


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
