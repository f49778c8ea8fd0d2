"""Readers read from a real streaming replica, editors from the primary.

scripts/with-postgres.sh (WITH_REPLICA=true) starts the replica with pg_basebackup; these
tests commit for real and pause the replica's replay, so it lags as a busy one would.
"""

import time
from contextlib import contextmanager

import pytest
from django.db import connections
from django.urls import reverse

from articles.models import Article
from newsroom.db import PIN_COOKIE
from tests.factories import change_form_data, make_article, make_editor, make_outlet

pytestmark = [
    pytest.mark.usefixtures("role_groups"),
    pytest.mark.database("postgresql"),
    pytest.mark.needs("replica"),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def _caught_up():
    """Wait until the replica has replayed everything the primary has written."""
    with connections["default"].cursor() as primary:
        primary.execute("SELECT pg_current_wal_lsn()")
        (written,) = primary.fetchone()
    deadline = time.monotonic() + 20
    with connections["replica"].cursor() as replica:
        while time.monotonic() < deadline:
            replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            if replica.fetchone()[0]:
                return
            time.sleep(0.02)  # A real server replaying: nothing to wait on but time.
    raise AssertionError("The replica did not catch up within 20 s.")


@contextmanager
def replay_paused():
    with connections["replica"].cursor() as replica:
        replica.execute("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        with connections["replica"].cursor() as replica:
            replica.execute("SELECT pg_wal_replay_resume()")
        _caught_up()
        connections["replica"].close()


def test_a_reader_reads_the_replica_while_the_editor_sees_their_change(client):
    outlet = make_outlet()
    article = make_article(outlet, title="Korban tiga orang")
    editor = make_editor(outlet)
    _caught_up()
    reader_page = article.get_absolute_url()
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    with replay_paused():
        client.force_login(editor.user)
        form = client.get(change_url)
        saved = client.post(
            change_url,
            change_form_data(
                form, title="Korban empat orang", correction_note="Jumlah korban."
            ),
        )
        assert saved.status_code == 302
        assert Article.objects.using("default").get(pk=article.pk).title == (
            "Korban empat orang"
        )

        # The editor: the admin and the public page, both from the primary.
        assert "Korban empat orang" in client.get(change_url).text
        assert "Korban empat orang" in client.get(reader_page).text
        # A reader: the replica, which has not replayed the change yet.
        client.logout()
        client.cookies.pop(PIN_COOKIE, None)
        reader = client.get(reader_page)
        assert "Korban tiga orang" in reader.text
        assert "Korban empat orang" not in reader.text

    # Once the replica has replayed the change, readers get it too.
    assert "Korban empat orang" in client.get(reader_page).text


def test_a_browser_that_just_wrote_reads_the_primary(client):
    outlet = make_outlet()
    article = make_article(outlet, title="Judul lama")
    _caught_up()

    with replay_paused():
        Article.objects.filter(pk=article.pk).update(title="Judul baru")
        assert "Judul lama" in client.get(article.get_absolute_url()).text

        # Any write (here the language switch) pins the browser to the primary a while.
        client.post(reverse("set_language"), {"language": "id", "next": "/"})
        assert PIN_COOKIE in client.cookies

        assert "Judul baru" in client.get(article.get_absolute_url()).text
