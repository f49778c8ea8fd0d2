"""A chief manages their outlet's people: adds a login with a one-time set-password link,
changes roles at their outlet only; every login has its byline."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Author, Editor, EditorRole
from tests.factories import change_form_data, grant, make_editor, make_outlet

pytestmark = pytest.mark.django_db
R = EditorRole


def _add(client, outlet, **overrides):
    data = {
        "username": "maria.bere",
        "credit_name": "Maria Bere",
        "email": "",
        "outlet": outlet.pk,
        "role": R.REPORTER,
        **overrides,
    }
    return client.post(reverse("admin:articles_editor_add"), data)


def test_a_chief_adds_a_colleague_who_sets_a_password_through_a_one_time_link(client):
    outlet = make_outlet()
    chief = make_editor(outlet, R.CHIEF)
    client.force_login(chief.user)

    response = _add(client, outlet)

    assert response.status_code == 200
    link = re.search(
        r'value="(http://testserver/admin/kata-sandi/[^"]+)"', response.text
    )
    assert link, response.text
    person = Editor.objects.get(user__username="maria.bere")
    assert person.role_at(outlet) == R.REPORTER
    assert person.byline == Author.objects.get(name="Maria Bere")
    assert person.user.is_staff and not person.user.has_usable_password()

    client.logout()
    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url,
        {"new_password1": "Kupang-2026-aman", "new_password2": "Kupang-2026-aman"},
        follow=True,
    )
    assert done.status_code == 200
    assert client.login(username="maria.bere", password="Kupang-2026-aman")
    client.logout()
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert 'name="new_password1"' not in again.text


def test_a_chief_cannot_add_someone_to_another_outlet(client):
    outlet, other = make_outlet(), make_outlet()
    chief = make_editor(outlet, R.CHIEF)
    client.force_login(chief.user)

    response = _add(client, other, role=R.CHIEF)

    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not get_user_model().objects.filter(username="maria.bere").exists()


def test_editors_and_reporters_do_not_add_people(client):
    outlet = make_outlet()
    for role in (R.EDITOR, R.REPORTER):
        client.force_login(make_editor(outlet, role).user)
        assert _add(client, outlet).status_code == 403
    assert not get_user_model().objects.filter(username="maria.bere").exists()


def test_a_chief_lists_only_their_outlets_people(client):
    outlet, other = make_outlet(), make_outlet()
    chief = make_editor(outlet, R.CHIEF)
    ours = make_editor(outlet, R.REPORTER, credit_name="Yosef Kami")
    theirs = make_editor(other, R.REPORTER, credit_name="Orang Sebelah")
    both = make_editor(outlet, R.REPORTER, credit_name="Dua Tempat")
    grant(both, other, R.EDITOR)
    client.force_login(chief.user)

    page = client.get(reverse("admin:articles_editor_changelist")).text
    change = client.get(reverse("admin:articles_editor_change", args=[both.pk])).text

    assert ours.credit_name in page and both.credit_name in page
    assert theirs.credit_name not in page
    # Their role elsewhere is not the chief's business: not even shown as a form row.
    assert f'value="{other.pk}" selected' not in change
    assert (
        client.get(
            reverse("admin:articles_editor_change", args=[theirs.pk])
        ).status_code
        == 302
    )


def test_every_staff_login_has_one_byline():
    outlet = make_outlet()
    person = make_editor(outlet, R.REPORTER, credit_name="Fransiska Ina")

    assert person.byline.name == "Fransiska Ina"
    assert person.byline.user == person.user
    assert outlet in person.byline.outlets.all()


def test_an_outlets_hosts_must_be_host_names_nobody_else_answers_on(client, settings):
    """A host goes to one outlet only: one another outlet or the network answers on, or
    anything but a bare host name, is refused in Indonesian with the typed text kept."""
    settings.NETWORK_HOSTS = ["testserver", "jaringan.example"]
    make_outlet(name="Kabar Lama", slug="lama", hostnames="kabarlama.example")
    outlet = make_outlet(name="Kabar Baru", slug="baru")
    admin = get_user_model().objects.create_superuser("super", password="x")
    client.force_login(admin)
    url = reverse("admin:articles_outlet_change", args=[outlet.pk])

    refused = {
        "KabarLama.example": "KabarLama.example sudah menjadi host Kabar Lama",
        "https://baru.example/": "bukan nama host",
        "baru.example:8000": "bukan nama host",
        "jaringan.example": "melayani seluruh jaringan",
    }
    for typed, message in refused.items():
        data = change_form_data(client.get(url), hostnames=f"baru.example {typed}")
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, typed
        errors = " ".join(response.context["adminform"].form.errors["hostnames"])
        assert message.lower() in errors.lower(), errors
        assert f'value="baru.example {typed}"' in response.text
        outlet.refresh_from_db()
        assert outlet.hostnames == ""

    data = change_form_data(client.get(url), hostnames="baru.example www.baru.example")
    assert client.post(url, data).status_code == 302
    outlet.refresh_from_db()
    assert outlet.host_list == ["baru.example", "www.baru.example"]
    # Saving again keeps its own hosts.
    assert client.post(url, change_form_data(client.get(url))).status_code == 302
