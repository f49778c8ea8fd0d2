"""RSS and Atom feeds parse cleanly and carry the published stories."""

from pathlib import Path

import feedparser
import pytest
from lxml import etree

from articles.models import ArticleStatus
from tests.factories import make_article, make_author, make_outlet, make_rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet():
    return make_outlet(
        name="Blitar Update", slug="blitar-update", tagline="Kabar Blitar"
    )


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_the_outlet_rss_feed_carries_its_published_stories(client, outlet):
    make_article(
        outlet, title="Pertama", lead="Ringkasan pertama.", authors=[make_author("Dwi")]
    )
    make_article(outlet, title="Draf", status=ArticleStatus.DRAFT)
    make_article(title="Media lain")

    feed = _parse(client, "/blitar-update/feed/")

    assert feed.version == "rss20"
    assert feed.feed.title == "Blitar Update"
    assert [entry.title for entry in feed.entries] == ["Pertama"]
    assert feed.entries[0].summary == "Ringkasan pertama."
    assert feed.entries[0].link.startswith("http://testserver/blitar-update/")
    assert feed.entries[0].author == "Dwi"


def test_the_atom_feed_carries_the_same_stories(client, outlet):
    for n in range(3):
        make_article(outlet, title=f"Berita {n}")

    feed = _parse(client, "/blitar-update/feed/atom/")

    assert feed.version == "atom10"
    assert sorted(entry.title for entry in feed.entries) == [
        "Berita 0",
        "Berita 1",
        "Berita 2",
    ]
    assert all(entry.updated for entry in feed.entries)


def test_a_rubric_feed_carries_only_that_rubric(client, outlet):
    rubric = make_rubric(outlet, "Olahraga")
    make_article(outlet, title="Bola", rubric=rubric)
    make_article(outlet, title="Politik")

    feed = _parse(client, "/blitar-update/rubrik/olahraga/feed/")

    assert feed.feed.title == "Blitar Update: Olahraga"
    assert [entry.title for entry in feed.entries] == ["Bola"]
    assert client.get("/blitar-update/rubrik/tidak-ada/feed/").status_code == 404


ATOM_SCHEMA = Path(__file__).parent / "fixtures" / "atom.rng"


def test_the_atom_feed_validates_against_rfc_4287_even_without_credited_people(
    client, outlet
):
    make_article(outlet, title="Tanpa penulis", authors=[])
    make_article(outlet, title="Dengan penulis", authors=[make_author("Dwi")])
    schema = etree.RelaxNG(etree.parse(str(ATOM_SCHEMA)))

    response = client.get("/blitar-update/feed/atom/")
    doc = etree.fromstring(response.content)

    assert schema.validate(doc), schema.error_log
    names = doc.xpath(
        "//a:entry/a:author/a:name/text()",
        namespaces={"a": "http://www.w3.org/2005/Atom"},
    )
    assert sorted(names) == ["Blitar Update", "Dwi"]


def test_the_rss_feed_carries_every_element_rss_2_requires(client, outlet):
    make_article(outlet, title="Pertama", body="<p>Satu.</p><p>Dua.</p>")

    doc = etree.fromstring(client.get("/blitar-update/feed/").content)
    feed = _parse(client, "/blitar-update/feed/")

    channel = doc.find("channel")
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        assert item.findtext("link") and item.findtext("guid")
    assert feed.entries[0].summary == "Satu. Dua."


@pytest.mark.parametrize("path", ["/blitar-update/feed/", "/blitar-update/feed/atom/"])
def test_a_feed_is_sent_in_one_piece(client, outlet, path):
    # The feed generator writes hundreds of small pieces; a WSGI server sends each piece
    # as its own write, which made a feed several times slower to serve than a page.
    for n in range(5):
        make_article(outlet=outlet, title=f"Berita {n}", status=ArticleStatus.PUBLISHED)
    response = client.get(path)
    assert response.status_code == 200
    assert len(list(response)) == 1
