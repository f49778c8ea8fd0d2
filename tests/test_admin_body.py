"""Body sanitising on the article form: pure functions, no database."""

import pytest

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
