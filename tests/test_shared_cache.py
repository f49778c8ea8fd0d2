"""Two app processes share one Redis page cache: a change made on one is seen on the other.

scripts/with-services.sh starts the Redis server; this test starts two `runserver`
processes on the committed test database (PostgreSQL, which both can open).
"""

import os
import socket
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.urls import reverse

from articles.models import Article, ArticleStatus
from tests.conftest import REPO
from tests.factories import make_article, make_editor, make_outlet

pytestmark = [
    pytest.mark.usefixtures("role_groups"),
    pytest.mark.database("postgresql"),
    pytest.mark.needs("redis"),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def app_servers():
    """Two processes of the site on the test database and the test Redis."""
    redis_url = os.environ["TEST_REDIS_URL"]
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "PAGE_CACHE_SECONDS": "600",
        "DEBUG": "true",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    servers = []
    for _ in range(2):
        port = _free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        for process, base in servers:
            deadline = time.monotonic() + 30
            while True:
                try:
                    requests.get(f"{base}/robots.txt", timeout=1)
                    break
                except requests.ConnectionError:
                    # A real process starting: nothing to wait on but time.
                    assert process.poll() is None, "runserver exited"
                    assert time.monotonic() < deadline, "runserver did not start"
                    time.sleep(0.1)
        yield [base for _process, base in servers]
    finally:
        for process, _base in servers:
            process.terminate()
            process.wait(timeout=10)
        redis.Redis.from_url(redis_url).flushdb()


def test_a_change_made_on_one_process_shows_on_the_other_at_once(app_servers, client):
    one, other = app_servers
    reader = requests.Session()
    # Behind one public name, as behind a load balancer.
    reader.headers["Host"] = "localhost"
    outlet = make_outlet()
    article = make_article(outlet, title="Berita untuk dua server")
    editor = make_editor(outlet)
    home = reverse("articles:outlet", kwargs={"outlet": outlet.slug})
    assert "Berita untuk dua server" in reader.get(f"{one}{home}").text

    # Filled by the first process, served by the other from Redis.
    Article.objects.filter(pk=article.pk).update(title="Diubah diam-diam")
    assert "Berita untuk dua server" in reader.get(f"{other}{home}").text

    # The editor unpublishes on the first process, with a session made here.
    client.force_login(editor.user)
    desk = requests.Session()
    desk.headers["Host"] = "localhost"
    desk.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert desk.get(f"{one}{change}").status_code == 200
    moved = desk.post(
        f"{one}{reverse('admin:articles_article_move', args=[article.pk, 'unpublish'])}",
        headers={"X-CSRFToken": desk.cookies["csrftoken"]},
        allow_redirects=False,
    )
    assert moved.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT

    page = reader.get(f"{other}{home}").text
    assert "Berita untuk dua server" not in page
    assert "Diubah diam-diam" not in page
