"""Login throttling: an account is locked per client address, and can be unlocked."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from articles.models import EditorRole
from tests.factories import PASSWORD, make_editor, make_outlet, make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def _fail_until_locked(client, username, ip="203.0.113.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username, "salah-terus", ip)


def test_wrong_passwords_lock_the_account_with_a_clear_message(client):
    user = make_user()
    _fail_until_locked(client, user.username)

    response = _login(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert "Terlalu banyak kata sandi salah" in response.text
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_only_for_the_attackers_address(client):
    user = make_user()
    _fail_until_locked(client, user.username, ip="198.51.100.66")

    response = _login(client, user.username, PASSWORD, ip="203.0.113.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_few_wrong_passwords_do_not_lock(client):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "salah")

    assert _login(client, user.username, PASSWORD).status_code == 302


def test_a_superuser_unlocks_in_the_access_attempts_admin(client):
    user = make_user()
    _fail_until_locked(client, user.username)
    client.force_login(make_user(is_superuser=True))
    attempts = AccessAttempt.objects.filter(username=user.username)

    response = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(attempts.values_list("pk", flat=True)),
            "post": "yes",
        },
    )

    assert response.status_code == 302
    client.logout()
    assert _login(client, user.username, PASSWORD).status_code == 302


def _unlock(client, editor):
    return client.post(
        reverse("admin:articles_editor_changelist"),
        {"action": "unlock_login", "_selected_action": [editor.pk]},
    )


def test_the_outlets_chief_unlocks_a_reporter(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, role=EditorRole.REPORTER)
    chief = make_editor(outlet, role=EditorRole.CHIEF)
    _fail_until_locked(client, reporter.user.username)
    client.force_login(chief.user)

    _unlock(client, reporter)

    client.logout()
    assert _login(client, reporter.user.username, PASSWORD).status_code == 302


def test_another_outlets_chief_cannot_unlock(client):
    reporter = make_editor(make_outlet(), role=EditorRole.REPORTER)
    stranger = make_editor(make_outlet(), role=EditorRole.CHIEF)
    _fail_until_locked(client, reporter.user.username)
    client.force_login(stranger.user)

    _unlock(client, reporter)

    client.logout()
    assert _login(client, reporter.user.username, PASSWORD).status_code == 429


def test_a_reporter_cannot_unlock_a_colleague(client):
    outlet = make_outlet()
    locked = make_editor(outlet, role=EditorRole.REPORTER)
    colleague = make_editor(outlet, role=EditorRole.REPORTER)
    _fail_until_locked(client, locked.user.username)
    client.force_login(colleague.user)

    _unlock(client, locked)

    client.logout()
    assert _login(client, locked.user.username, PASSWORD).status_code == 429
