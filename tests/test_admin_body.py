"""Body sanitising on the article form: pure functions, no database."""

import pytest

from articles.admin.forms import BodyEditor, BodyText
from articles.fields import sanitise_body


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (
            "Hujan deras.\r\n\r\nJalan  tergenang\nsetinggi lutut.",
            "<p>Hujan deras.</p><p>Jalan tergenang setinggi lutut.</p>",
        ),
        ("Harga naik <5%> & turun", "<p>Harga naik &lt;5%&gt; &amp; turun</p>"),
        ("", ""),
    ],
)
def test_plain_text_becomes_escaped_paragraphs(typed, stored):
    assert sanitise_body(typed) == stored


def test_html_keeps_only_the_article_tags():
    body = sanitise_body(
        '<p class="x">Kata <strong>tegas</strong> <a href="/a" target="_blank">'
        "tautan</a></p><blockquote>Kutip</blockquote><iframe src=x></iframe>"
        "<figure><figcaption>Foto</figcaption></figure><script>x()</script>"
    )

    assert body == (
        '<p>Kata <strong>tegas</strong> <a href="/a" rel="noopener noreferrer">'
        "tautan</a></p><blockquote>Kutip</blockquote>"
        "<figure><figcaption>Foto</figcaption></figure>"
    )


@pytest.mark.parametrize(
    ("stored", "from_editor"),
    [
        (
            "<p>Kata <b>tegas</b> &quot;kami&quot;</p>",
            '<p>Kata <strong>tegas</strong> "kami"</p>',
        ),
        (
            "<ul><li>satu</li><li>dua</li></ul>",
            "<ul><li><p>satu</p></li><li><p>dua</p></li></ul>",
        ),
        (
            "Hujan deras.\n\nJalan tergenang.",
            "<p>Hujan deras.</p><p>Jalan tergenang.</p>",
        ),
        (
            '<p><a href="/a">x</a></p>',
            '<p><a href="/a" rel="noopener noreferrer nofollow">x</a></p>',
        ),
    ],
)
def test_the_editors_markup_of_the_same_text_is_no_change(stored, from_editor):
    assert not BodyText().has_changed(stored, from_editor)


@pytest.mark.parametrize(
    ("stored", "from_editor"),
    [
        ("<p>Kata tegas</p>", "<p>Kata <strong>tegas</strong></p>"),
        ("<p>satu</p>", "<ul><li><p>satu</p></li></ul>"),
        ('<p><a href="/a">x</a></p>', '<p><a href="/b">x</a></p>'),
        ("<p>Hujan</p>", "<p>Hujan deras</p>"),
    ],
)
def test_a_changed_text_or_format_is_a_change(stored, from_editor):
    assert BodyText().has_changed(stored, from_editor)


def test_the_body_editor_offers_only_the_article_tags():
    offered = BodyEditor().attrs["data-body-editor"]

    for extension in ("Bold", "Italic", "Link", "Heading", "BulletList", "Blockquote"):
        assert f'"{extension}"' in offered
    for extension in ("Table", "Image", "HTML", "Underline", "Strike"):
        assert f'"{extension}"' not in offered
