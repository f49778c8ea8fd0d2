"""Search: PostgreSQL full-text with Indonesian stemming, or the SQLite fallback."""

import pytest

from articles.models import Article
from articles.site import portal, search
from articles.site.search import expand
from tests.factories import make_article, make_outlet
from tests.pages import by_class, parse, texts

pytestmark = pytest.mark.django_db


# String conditions are evaluated when the test runs, against the configured database.
# Each search backend's own behaviour runs on that database only (see conftest).
postgres_only = pytest.mark.database("postgresql")
sqlite_only = pytest.mark.database("sqlite")


@pytest.fixture
def outlet():
    return make_outlet(slug="kabar")


def _search(client, q):
    return parse(client.get("/kabar/cari/", {"q": q}))


def _titles(doc):
    return texts(doc, "//h2[@class='card-title']")


def test_acronyms_expand_into_alternatives_both_ways():
    assert expand("Kapolda NTT") == [("kapolda", "kepala kepolisian daerah"), ("ntt",)]
    assert expand("kepala kepolisian resor Belu") == [
        ("kapolres", "kepala kepolisian resor"),
        ("belu",),
    ]
    assert expand("Kamtibmas") == [("kamtibmas", "keamanan dan ketertiban masyarakat")]
    assert expand("  ") == []


def test_acronym_query_finds_the_long_form_and_back(client, outlet):
    long_form = make_article(
        outlet,
        title="Apel pagi",
        body="<p>Kepala Kepolisian Daerah NTT memimpin apel.</p>",
    )
    short_form = make_article(
        outlet, title="Kunjungan", body="<p>Kapolda meninjau pos lebaran.</p>"
    )
    make_article(outlet, title="Pasar", body="<p>Harga cabai naik.</p>")

    assert set(_titles(_search(client, "Kapolda"))) == {
        long_form.title,
        short_form.title,
    }
    assert set(_titles(_search(client, "kepala kepolisian daerah"))) == {
        long_form.title,
        short_form.title,
    }
    assert _titles(_search(client, "kamtibmas")) == []


def test_search_only_finds_published_stories_of_the_outlet(client, outlet):
    from articles.models import ArticleStatus

    make_article(outlet, title="Banjir Kupang terbit")
    make_article(outlet, title="Banjir Kupang draf", status=ArticleStatus.DRAFT)
    make_article(make_outlet(), title="Banjir Kupang media lain")

    assert _titles(_search(client, "banjir")) == ["Banjir Kupang terbit"]


def test_an_empty_search_asks_for_words(client, outlet):
    make_article(outlet)

    doc = _search(client, "")

    assert _titles(doc) == []
    assert texts(doc, by_class("empty"))


@sqlite_only
def test_sqlite_fallback_finds_words_in_title_lead_and_body(client, outlet):
    make_article(outlet, title="Judul biasa", lead="Nelayan Oesapa melaut.")
    make_article(outlet, title="Lain", body="<p>Tentang nelayan juga.</p>")

    assert len(_titles(_search(client, "nelayan"))) == 2


@postgres_only
def test_postgres_stems_indonesian_words(client, outlet):
    make_article(
        outlet, title="Kabar desa", body="<p>Ini berita dari desa Oelnasi.</p>"
    )
    make_article(outlet, title="Lain", body="<p>Harga cabai naik.</p>")

    assert _titles(_search(client, "pemberitaan")) == ["Kabar desa"]


@postgres_only
def test_postgres_ranks_title_matches_first_and_highlights_snippets(client, outlet):
    make_article(
        outlet, title="Pasar pagi", body="<p>Di pasar itu ada juga jagung.</p>"
    )
    make_article(
        outlet, title="Panen jagung melimpah", body="<p>Petani jagung bergembira.</p>"
    )

    doc = _search(client, "jagung")

    assert _titles(doc) == ["Panen jagung melimpah", "Pasar pagi"]
    snippet = doc.xpath(f"{by_class('snippet')}")[0]
    assert [m.text for m in snippet.xpath(".//mark")] == ["jagung"]
    assert not snippet.xpath(".//p")


@pytest.mark.parametrize(
    "query", ["a & b | !c", "'\"", "(:*", "kapolda <-> polres", "%00", "dan yang di"]
)
def test_odd_search_input_never_breaks_the_page(client, outlet, query):
    make_article(outlet, title="Kapolda dan Polres")

    response = client.get(f"/kabar/cari/?q={query}")

    assert response.status_code == 200


def test_a_thousand_word_query_is_refused_quickly_not_a_server_error(client, outlet):
    make_article(outlet, title="Berita ab")

    response = client.get("/kabar/cari/", {"q": " ".join(["ab"] * 1000)})

    assert response.status_code == 200
    assert "terlalu panjang" in response.text
    assert _titles(parse(response)) == []


def test_a_very_long_single_word_query_is_refused(client, outlet):
    response = client.get("/kabar/cari/", {"q": "a" * 5000})

    assert response.status_code == 200
    assert "terlalu panjang" in response.text


def test_a_query_at_the_word_limit_still_searches(client, outlet):
    from articles.site.filters import SEARCH_MAX_WORDS

    make_article(outlet, title="Kapolda berjumpa warga")
    words = ["kapolda"] * SEARCH_MAX_WORDS

    assert _titles(_search(client, " ".join(words))) == ["Kapolda berjumpa warga"]


def test_the_longest_allowed_query_of_acronyms_still_answers(client, outlet):
    from articles.site.filters import SEARCH_MAX_WORDS

    make_article(outlet, title="Kapolda dan Polres")
    acronyms = ["kapolda", "polres", "pemkab", "dprd", "satlantas"]
    words = (acronyms * SEARCH_MAX_WORDS)[:SEARCH_MAX_WORDS]

    response = client.get("/kabar/cari/", {"q": " ".join(words)})

    assert response.status_code == 200
    assert "terlalu panjang" not in response.text


def test_articles_written_in_bulk_or_by_raw_updates_are_searchable_at_once(
    client, outlet
):
    from django.utils import timezone

    from articles.models import Article, ArticleStatus

    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            outlet=outlet,
            title=f"Festival tenun {n}",
            slug=f"festival-tenun-{n}",
            body="<p>Penenun dari Sikka.</p>",
            status=ArticleStatus.PUBLISHED,
            published_at=now,
            published_on=now.date(),
        )
        for n in range(3)
    )
    assert len(_titles(_search(client, "tenun"))) == 3

    Article.objects.filter(slug="festival-tenun-0").update(title="Lomba perahu")
    Article.objects.filter(slug="festival-tenun-1").delete()

    assert _titles(_search(client, "tenun")) == ["Festival tenun 2"]
    assert _titles(_search(client, "perahu")) == ["Lomba perahu"]


def test_a_search_counts_its_matches_up_to_a_limit(client, outlet, monkeypatch):
    from articles.site import search

    monkeypatch.setattr(search, "LIMIT", 3)
    for n in range(5):
        make_article(outlet, title=f"Sidang perkara {n}")
    make_article(outlet, title="Sidang paripurna dewan")

    assert texts(_search(client, "dewan"), by_class("result-count")) == ["1 hasil"]
    common = _search(client, "sidang")
    assert texts(common, by_class("result-count")) == ["lebih dari 3 hasil"]
    # The newest matches beyond the limit are ranked; older ones are left out.
    assert len(_titles(common)) == 4


def test_a_search_filtered_by_rubric_ranks_within_that_rubric(
    client, outlet, monkeypatch
):
    from articles.site import search
    from tests.factories import make_rubric

    monkeypatch.setattr(search, "LIMIT", 1)
    rubric = make_rubric(outlet, "Hukum")
    make_article(outlet, title="Sidang lama", rubric=rubric)
    for n in range(3):
        make_article(outlet, title=f"Sidang baru {n}")

    doc = parse(client.get("/kabar/cari/", {"q": "sidang", "rubric": "hukum"}))

    assert _titles(doc) == ["Sidang lama"]


@postgres_only
def test_postgres_reads_the_stored_vector_and_highlights_only_the_page(
    client, outlet, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(25):
        make_article(outlet, title=f"Jagung panen {n}")

    with CaptureQueriesContext(connection) as queries:
        doc = _search(client, "jagung")

    assert len(_titles(doc)) == 20
    sql = [query["sql"] for query in queries.captured_queries]
    assert not any("to_tsvector" in statement for statement in sql)
    assert any("search_vector" in statement for statement in sql)
    # Snippets are made in the one query that reads the page's rows (migration 0060).
    [rows] = [s for s in sql if "article_snippet(" in s]
    assert '"articles_article"."title"' in rows


@sqlite_only
def test_sqlite_searches_its_full_text_table_and_highlights_matches(client, outlet):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(outlet, title="Nelayan Oesapa", body="<p>Para nelayan melaut.</p>")

    with CaptureQueriesContext(connection) as queries:
        doc = _search(client, "nelayan")

    assert any("MATCH" in query["sql"] for query in queries.captured_queries)
    assert not any("LIKE" in query["sql"] for query in queries.captured_queries)
    snippet = doc.xpath(f"{by_class('snippet')}")[0]
    assert [m.text for m in snippet.xpath(".//mark")] == ["Nelayan"]


@pytest.mark.parametrize(
    "probe, walk",
    [(2, 6), (2, 100), (100, 100)],
    ids=["common-read-down-rare-from-index", "both-read-down", "one-read"],
)
def test_a_search_finds_the_same_newest_matches_however_it_reads_them(
    client, outlet, monkeypatch, probe, walk
):
    from datetime import timedelta

    from django.utils import timezone

    from articles.site import search

    monkeypatch.setattr(search, "LIMIT", 3)
    monkeypatch.setattr(search, "PROBE", probe)
    monkeypatch.setattr(search, "WALK", walk)
    now = timezone.now()
    for n in range(12):
        title = "Rapat pleno" if n in (8, 10) else f"Sidang {n}" if n % 5 else "Rapat"
        make_article(outlet, title=title, published_at=now - timedelta(hours=n))

    assert _titles(_search(client, "sidang")) == [
        "Sidang 1",
        "Sidang 2",
        "Sidang 3",
        "Sidang 4",
    ]
    assert _titles(_search(client, "pleno")) == ["Rapat pleno", "Rapat pleno"]
    assert _titles(_search(client, "kamtibmas")) == []


@postgres_only
def test_postgres_highlights_a_match_deep_in_a_long_story(client, outlet):
    filler = "Kalimat pengisi yang panjang sekali. " * 150
    make_article(outlet, title="Kabar", body=f"<p>{filler}Nelayan Oesapa melaut.</p>")

    snippet = _search(client, "nelayan").xpath(by_class("snippet"))[0]

    assert [m.text for m in snippet.xpath(".//mark")] == ["Nelayan"]


@postgres_only
def test_postgres_highlights_the_word_not_a_longer_one_holding_it(client, outlet):
    filler = "Kalimat pengisi yang panjang sekali. " * 20
    make_article(
        outlet,
        title="Pemilu",
        body=f"<p>Kotak suara tiba. {filler}Warga kota bergembira.</p>",
    )

    snippet = _search(client, "kota").xpath(by_class("snippet"))[0]

    assert [m.text for m in snippet.xpath(".//mark")] == ["kota"]


@postgres_only
def test_postgres_shows_the_summary_of_a_story_matched_by_its_title_alone(
    client, outlet
):
    make_article(outlet, title="Jagung panen", lead="Petani Oesao bergembira.")

    doc = _search(client, "jagung")

    assert texts(doc, by_class("snippet")) == []
    assert texts(doc, by_class("summary")) == ["Petani Oesao bergembira."]


def test_a_snippet_across_paragraphs_keeps_a_space_between_them(client, outlet):
    # The stored text is the body's HTML: its paragraph tags are dropped from the
    # snippet, and the sentences either side must not run together.
    make_article(
        outlet,
        title="Pos kamling baru",
        body=(
            "<p>Warga berjaga hingga larut malam.</p>"
            "<p>Dengan pos ini polisi punya tempat singgah.</p>"
            "<p>Bhabinkamtibmas ikut ronda.</p>"
        ),
    )

    doc = _search(client, "polisi")

    snippet = " ".join(doc.xpath(f"{by_class('snippet')}")[0].itertext())
    assert "malam. Dengan" in snippet or snippet.startswith("…Dengan")
    assert "singgah. Bhabinkamtibmas" in snippet
    assert "p>" not in snippet and "<" not in snippet


def test_a_page_is_highlighted_the_same_whatever_the_shape_of_the_search(outlet):
    """The page's rows, ranked and with snippets, as the queryset gives them: on
    PostgreSQL a query prepared once per shape of search, searches of one shape in
    turn."""
    stories = [
        make_article(
            outlet,
            title=title,
            body=f"<p>{body}</p>",
        )
        for title, body in (
            ("Apel pagi", "Kepala Kepolisian Daerah NTT memimpin apel di Kupang."),
            ("Kunjungan", "Kapolda NTT meninjau pos pengamanan lebaran."),
            ("Polisi patroli", "Polisi berpatroli di pasar Oeba setiap malam."),
            ("Pasar", "Harga cabai naik, kata pedagang kepada polisi."),
        )
    ]
    ids = [story.pk for story in stories]
    for text in (
        "polisi",
        "pasar",
        "Kapolda NTT",
        "kepala kepolisian daerah kupang",
        "polisi pasar",
        "Kapolda",
    ):
        rows = portal.cards(Article.objects.filter(pk__in=ids))
        expected = [(a.pk, a.rank, a.snippet) for a in search.highlight(rows, text)]
        got = search.highlighted(portal.cards, ids, text)
        assert [(a.pk, a.rank, a.snippet) for a in got] == expected, text
        assert any(a.snippet for a in got), text
