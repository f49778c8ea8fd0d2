"""Editing through the admin change form: access, locking, corrections, revisions, notes."""

import pytest
from django.urls import reverse

from articles.models import (
    Article,
    ArticleStatus,
    Correction,
    EditorialNote,
    EditorRole,
    Revision,
)
from tests.factories import (
    change_form_data,
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_tag,
)

pytestmark = pytest.mark.django_db
S = ArticleStatus


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def login(client, editor):
    client.force_login(editor.user)
    return client


def test_a_reporter_cannot_open_another_outlets_draft(client):
    reporter = make_editor(make_outlet(), EditorRole.REPORTER)
    article = make_article(make_outlet(), status=S.DRAFT)
    login(client, reporter)

    assert client.get(change_url(article)).status_code == 404
    response = client.post(change_url(article), {"title": "Diubah"})

    assert response.status_code == 404
    article.refresh_from_db()
    assert article.title != "Diubah"


def test_an_editor_cannot_open_another_outlets_draft(client):
    editor = make_editor(make_outlet(), EditorRole.CHIEF)
    article = make_article(make_outlet(), status=S.IN_REVIEW)
    login(client, editor)

    assert client.get(change_url(article)).status_code == 404


def test_a_reporter_cannot_edit_a_colleagues_draft(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    colleague = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(outlet, status=S.DRAFT, created_by=colleague.user)
    login(client, reporter)

    assert client.get(change_url(article)).status_code == 404
    assert client.post(change_url(article), {"title": "Diubah"}).status_code == 404
    article.refresh_from_db()
    assert article.title != "Diubah"


def test_a_reporter_cannot_edit_their_own_article_in_review(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(outlet, status=S.IN_REVIEW, created_by=reporter.user)
    login(client, reporter)

    page = client.get(change_url(article))
    assert page.status_code == 200  # read-only view
    assert 'name="title"' not in page.text
    response = client.post(change_url(article), {"title": "Diubah"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Diubah"


def test_a_reporter_edits_their_own_draft_and_a_revision_is_kept(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    tag = make_tag(outlet)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)
    login(client, reporter)
    page = client.get(change_url(article))

    response = client.post(
        change_url(article),
        change_form_data(page, title="Judul baru", tags=[str(tag.pk)]),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul baru"
    assert article.version == 2
    latest = article.revisions.get(version=2)
    assert latest.author == reporter.user
    assert set(latest.changed_fields) == {"title", "tags"}
    assert latest.snapshot["tags"] == [[tag.pk, tag.name]]


def test_a_reporter_adds_an_article_for_their_outlet_only(client):
    outlet, elsewhere = make_outlet(), make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    login(client, reporter)
    add_url = reverse("admin:articles_article_add")
    page = client.get(add_url)
    data = change_form_data(
        page,
        title="Banjir di Kupang",
        slug="banjir-di-kupang",
        body="Air naik.\n\nWarga mengungsi <ke> gereja.",
        article_type="berita",
    )

    refused = client.post(add_url, {**data, "outlet": elsewhere.pk})
    response = client.post(add_url, {**data, "outlet": outlet.pk})

    assert refused.status_code == 200
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.outlet == outlet
    assert article.created_by == reporter.user
    assert article.status == S.DRAFT
    assert article.body == "<p>Air naik.</p><p>Warga mengungsi &lt;ke&gt; gereja.</p>"
    assert article.revisions.get().version == 1


def test_body_html_is_sanitised(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT)
    login(client, editor)
    page = client.get(change_url(article))
    body = (
        '<p onclick="x()">Teks <a href="https://contoh.id" style="c">tautan</a></p>'
        "<script>alert(1)</script><h2>Sub</h2><img src=x>"
    )

    client.post(change_url(article), change_form_data(page, body=body))

    article.refresh_from_db()
    assert "onclick" not in article.body
    assert "<script>" not in article.body
    assert "<img" not in article.body
    assert 'href="https://contoh.id"' in article.body
    assert "<h2>Sub</h2>" in article.body


def test_two_sessions_editing_one_article_lose_no_update(client, django_user_model):
    from django.test import Client

    outlet = make_outlet()
    first, second = make_editor(outlet), make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, lead="Lead lama.")
    one, two = login(Client(), first), login(Client(), second)
    page_one, page_two = one.get(change_url(article)), two.get(change_url(article))

    saved = one.post(
        change_url(article), change_form_data(page_one, title="Judul dari satu")
    )
    refused = two.post(
        change_url(article), change_form_data(page_two, lead="Lead dari dua")
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert 'id="edit-conflict"' in refused.text
    assert "Judul dari satu" in refused.text  # the other's change, shown
    assert "Lead dari dua" in refused.text  # own input, kept
    article.refresh_from_db()
    assert article.lead == "Lead lama."

    page_two = two.get(change_url(article))
    again = two.post(
        change_url(article), change_form_data(page_two, lead="Lead dari dua")
    )

    assert again.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul dari satu"
    assert article.lead == "Lead dari dua"
    assert article.version == 3


def test_the_change_page_shows_who_else_opened_it(client):
    from django.test import Client

    outlet = make_outlet()
    first, second = make_editor(outlet), make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT)
    login(Client(), first).get(change_url(article))

    page = login(client, second).get(change_url(article))

    assert 'id="others-here"' in page.text
    assert first.user.username in page.text


def test_changing_published_text_needs_a_correction_note(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.PUBLISHED, body="<p>Korban tiga.</p>")
    login(client, editor)
    page = client.get(change_url(article))

    refused = client.post(
        change_url(article), change_form_data(page, body="<p>Korban empat.</p>")
    )

    assert refused.status_code == 200
    assert "Korban empat." in refused.text  # input kept
    article.refresh_from_db()
    assert article.body == "<p>Korban tiga.</p>"
    assert not Correction.objects.exists()

    saved = client.post(
        change_url(article),
        change_form_data(
            page, body="<p>Korban empat.</p>", correction_note="Jumlah korban."
        ),
    )

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Korban empat.</p>"
    assert article.content_modified_at is not None
    assert Correction.objects.get().note == "Jumlah korban."


def test_other_fields_of_a_published_article_change_without_a_note(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.PUBLISHED)
    login(client, editor)
    page = client.get(change_url(article))

    saved = client.post(
        change_url(article), change_form_data(page, image_caption="Foto: Humas")
    )

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.image_caption == "Foto: Humas"
    assert article.content_modified_at is None


def test_a_revision_diff_shows_the_change_and_a_restore_brings_it_back(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, title="Judul asli")
    login(client, editor)
    page = client.get(change_url(article))
    client.post(change_url(article), change_form_data(page, title="Judul kedua"))

    diff = client.get(
        reverse("admin:articles_article_diff", args=[article.pk]), {"a": 1, "b": 2}
    )

    assert diff.status_code == 200
    assert "Judul asli" in diff.text
    assert "Judul kedua" in diff.text

    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]),
        {"opened_version": 2, "correction_note": ""},
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Judul asli"
    assert article.version == 3
    assert Revision.objects.get(article=article, version=3).changed_fields == ["title"]


def test_a_restore_from_an_old_version_is_refused(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, title="Judul asli")
    login(client, editor)
    page = client.get(change_url(article))
    client.post(change_url(article), change_form_data(page, title="Judul kedua"))

    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]),
        {"opened_version": 1, "correction_note": ""},
    )

    article.refresh_from_db()
    assert article.title == "Judul kedua"


def test_restoring_published_text_needs_a_correction_note(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.PUBLISHED, title="Judul asli")
    login(client, editor)
    page = client.get(change_url(article))
    client.post(
        change_url(article),
        change_form_data(page, title="Judul ralat", correction_note="Salah nama."),
    )
    restore = reverse("admin:articles_article_restore", args=[article.pk, 1])

    client.post(restore, {"opened_version": 2, "correction_note": ""})
    article.refresh_from_db()
    assert article.title == "Judul ralat"

    client.post(restore, {"opened_version": 2, "correction_note": "Kembali."})
    article.refresh_from_db()
    assert article.title == "Judul asli"
    assert article.corrections.count() == 2


def test_a_reporter_cannot_restore_an_article_in_review(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)
    login(client, reporter)
    page = client.get(change_url(article))
    client.post(change_url(article), change_form_data(page, title="Judul kedua"))
    Article.objects.filter(pk=article.pk).update(status=S.IN_REVIEW)

    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]),
        {"opened_version": 2},
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Judul kedua"


def test_notes_and_transition_history_show_on_the_change_page(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)
    login(client, reporter)
    client.post(
        reverse("admin:articles_article_move", args=[article.pk, "submit"]),
        {"note": "Siap diperiksa."},
    )
    login(client, editor)

    client.post(
        reverse("admin:articles_article_note", args=[article.pk]),
        {"text": "Cek ejaan nama Bupati."},
    )
    page = client.get(change_url(article))

    assert EditorialNote.objects.get().author == editor.user
    assert "Cek ejaan nama Bupati." in page.text
    history = page.text.split('id="article-history"')[1]
    assert "Siap diperiksa." in history
    assert reporter.user.username in history
    assert 'id="move-publish"' in page.text
    assert 'id="move-retract"' not in page.text


def test_a_note_cannot_be_left_on_another_outlets_article(client):
    editor = make_editor(make_outlet())
    article = make_article(make_outlet(), status=S.DRAFT)
    login(client, editor)

    response = client.post(
        reverse("admin:articles_article_note", args=[article.pk]), {"text": "Halo"}
    )

    assert response.status_code == 404
    assert not EditorialNote.objects.exists()


def test_the_change_page_links_to_the_preview(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT)
    login(client, editor)

    page = client.get(change_url(article))
    preview = client.get(reverse("articles:preview", kwargs={"pk": article.pk}))

    assert reverse("articles:preview", kwargs={"pk": article.pk}) in page.text
    assert preview.status_code == 200


def test_the_desk_speaks_indonesian_and_english_on_request(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)
    login(client, reporter)

    indonesian = client.get(change_url(article), headers={"accept-language": "en"})
    reporter.language = "en"  # English only as the person's own choice
    reporter.save(update_fields=["language"])
    english = client.get(change_url(article))

    assert "Kirim untuk diperiksa" in indonesian.text
    assert "Riwayat status" in indonesian.text
    assert "Submit for review" in english.text


def test_a_restore_brings_back_tags_and_credits(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    tag = make_tag(outlet)
    author = make_author("Maria Goreti", outlet)
    article = make_article(outlet, status=S.DRAFT, tags=[tag], authors=[author])
    login(client, editor)
    page = client.get(change_url(article))
    client.post(
        change_url(article),
        change_form_data(page, tags=[], **{"credits-0-DELETE": "on"}),
    )
    article.refresh_from_db()
    assert not article.tags.exists()
    assert not article.credits.exists()

    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, 1]),
        {"opened_version": 2},
    )

    assert list(article.tags.all()) == [tag]
    assert [credit.author for credit in article.credits.all()] == [author]
    assert set(article.revisions.get(version=3).changed_fields) == {"tags", "credits"}


def test_untouched_published_text_sent_with_crlf_needs_no_correction(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(
        outlet, status=S.PUBLISHED, lead="Baris satu.\nBaris dua.", body="<p>A</p>\n"
    )
    login(client, editor)
    page = client.get(change_url(article))
    data = change_form_data(page, image_credit="Humas")
    data["lead"] = data["lead"].replace("\n", "\r\n")  # what a browser sends back

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.image_credit == "Humas"
    assert not article.corrections.exists()


def test_uploading_a_photo_in_the_admin_makes_its_renditions_once(client):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, created_by=editor.user)
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), "#0b2e59").save(buffer, "JPEG")
    photo = SimpleUploadedFile(
        "patroli.jpg", buffer.getvalue(), content_type="image/jpeg"
    )
    login(client, editor)
    page = client.get(change_url(article))

    response = client.post(change_url(article), change_form_data(page, image=photo))

    assert response.status_code == 302
    article.refresh_from_db()
    assert [r["width"] for r in article.image_renditions] == [320, 480, 800, 1200]
    assert (article.image_width, article.image_height) == (1600, 900)
    assert all(
        r["webp"].endswith(".webp") and r["jpeg"].endswith(".jpg")
        for r in article.image_renditions
    )


def test_the_body_opens_in_the_rich_text_editor_never_as_raw_html(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(
        outlet, status=S.DRAFT, created_by=reporter.user, body="Hujan.\n\nBanjir."
    )
    login(client, reporter)

    page = client.get(change_url(article))

    assert "data-body-editor" in page.text
    assert "desk/body-editor.js" in page.text
    assert 'type="importmap"' not in page.text  # no inline script for the CSP
    assert (
        page.context["adminform"].form["body"].value() == "<p>Hujan.</p><p>Banjir.</p>"
    )


def test_a_published_body_saved_unchanged_from_the_editor_needs_no_correction(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(
        outlet, body="<p>Kata <b>tegas</b></p><ul><li>satu</li></ul>"
    )
    login(client, editor)
    page = client.get(change_url(article))
    data = change_form_data(
        page, body="<p>Kata <strong>tegas</strong></p><ul><li><p>satu</p></li></ul>"
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Kata <b>tegas</b></p><ul><li>satu</li></ul>"
    assert not Correction.objects.filter(article=article).exists()


def test_the_editors_html_is_sanitised_when_saved(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)
    login(client, reporter)
    data = change_form_data(
        client.get(change_url(article)),
        body='<p style="color:red" class="MsoNormal">Isi <strong>tebal</strong>'
        "<script>x()</script></p><table><tr><td>sel</td></tr></table>",
    )

    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Isi <strong>tebal</strong></p>sel"
