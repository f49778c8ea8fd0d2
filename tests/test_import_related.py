""" "Baca juga" lines: kept in place, linked whenever the target exists (even a run later),
shown in the article body, edited in the admin."""

import dataclasses
import hashlib
import itertools
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html

from articles.importing import ParsedArticle
from articles.importing.loader import ImportRun
from articles.models import (
    Article,
    ArticleStatus,
    EditorRole,
    OutletStyle,
    RelatedLink,
)

from .factories import change_form_data, make_article, make_editor, make_outlet

pytestmark = pytest.mark.django_db

_n = itertools.count(1)


@dataclasses.dataclass(frozen=True)
class _Placed(ParsedArticle):
    # The parsers' report of where each "Baca juga" line stood: body paragraphs before it.
    related_after: tuple[int, ...] = ()


def parsed(**overrides) -> ParsedArticle:
    n = next(_n)
    fields = {
        "outlet": "blitar-update",
        "title": f"Patroli Malam {n}",
        "body": ("Paragraf satu.", "Paragraf dua.", "Paragraf tiga."),
        "published": date(2025, 8, 22),
        "content_hash": hashlib.sha256(f"related {n}".encode()).hexdigest(),
    }
    fields.update(overrides)
    return _Placed(**fields)


@pytest.fixture
def blitar():
    return make_outlet(slug="blitar-update", style=OutletStyle.BLITAR_UPDATE)


def _links(article):
    return [
        (link.position, link.headline, link.target)
        for link in RelatedLink.objects.filter(article=article)
    ]


def test_each_line_keeps_its_place_and_links_an_existing_target_ignoring_case_and_spaces(
    blitar,
):
    target = make_article(blitar, title="Razia Knalpot di Kota Blitar")
    make_article(make_outlet(), title="Lain Outlet Sama Judul")

    article = (
        ImportRun()
        .load(
            parsed(
                related_headlines=(
                    "RAZIA knalpot  di Kota Blitar",
                    "Lain Outlet Sama Judul",
                ),
                related_after=(1, 3),
            ),
            source="a.txt",
        )
        .article
    )

    assert _links(article) == [
        (1, "RAZIA knalpot di Kota Blitar", target),
        # Another outlet's article of that headline is not this outlet's story.
        (3, "Lain Outlet Sama Judul", None),
    ]


def test_a_target_imported_in_a_later_run_is_linked_then(blitar):
    first = (
        ImportRun()
        .load(
            parsed(related_headlines=("Banjir di Wlingi",), related_after=(2,)),
            source="a.txt",
        )
        .article
    )
    assert _links(first) == [(2, "Banjir di Wlingi", None)]

    later = ImportRun().load(parsed(title="banjir  di WLINGI"), source="b.txt").article

    assert _links(first) == [(2, "Banjir di Wlingi", later)]


def test_a_later_run_links_waiting_lines_in_bulk(blitar):
    run = ImportRun()
    for n in range(30):
        run.load(parsed(related_headlines=(f"Berita Nanti {n}",)), source=f"{n}.txt")
    later = [(f"t{n}.txt", parsed(title=f"Berita Nanti {n}")) for n in range(30)]

    with CaptureQueriesContext(connection) as queries:
        list(ImportRun().load_all(later))

    link_queries = [q for q in queries if "articles_relatedlink" in q["sql"]]
    assert len(link_queries) <= 3
    assert RelatedLink.objects.filter(target__isnull=True).count() == 0


def test_without_places_from_the_parser_lines_are_kept_unplaced(blitar):
    plain = ParsedArticle(
        outlet="blitar-update",
        title="Tanpa Tempat",
        body=("Satu.",),
        published=date(2025, 1, 2),
        related_headlines=("Judul Lain",),
        content_hash="f" * 64,
    )

    article = ImportRun().load(plain, source="a.txt").article

    assert _links(article) == [(None, "Judul Lain", None)]


def _body_lines(client, article):
    page = html.fromstring(client.get(article.get_absolute_url()).content)
    body = page.xpath("//div[@class='story-body']")[0]
    return [
        (p.get("class"), " ".join(p.text_content().split()), p.xpath("./a/@href"))
        for p in body.xpath("./p")
    ]


def test_the_page_shows_each_line_in_place_linked_or_as_plain_text(client, blitar):
    target = make_article(blitar, title="Razia Knalpot")
    draft = make_article(blitar, title="Masih Draf", status=ArticleStatus.DRAFT)
    article = make_article(
        blitar, body="<p>Satu.</p><p>Dua.</p><p>Tiga.</p>", dateline_place=""
    )
    RelatedLink.objects.bulk_create(
        [
            RelatedLink(article=article, position=1, headline="x", target=target),
            RelatedLink(article=article, position=2, headline="Belum Ada"),
            RelatedLink(article=article, position=2, headline="Masih", target=draft),
        ]
    )

    lines = [line for line in _body_lines(client, article) if line[1]]

    assert lines[:6] == [
        (None, "Satu.", []),
        ("baca-juga", "Baca juga: Razia Knalpot", [target.get_absolute_url()]),
        (None, "Dua.", []),
        ("baca-juga", "Baca juga: Belum Ada", []),
        ("baca-juga", "Baca juga: Masih", []),
        (None, "Tiga.", []),
    ]


def test_an_imported_article_links_in_place_on_its_page(client, blitar):
    run = ImportRun()
    first = run.load(
        parsed(related_headlines=("Razia Knalpot",), related_after=(1,)),
        source="a.txt",
    ).article
    target = run.load(parsed(title="Razia Knalpot"), source="b.txt").article

    lines = [line for line in _body_lines(client, first) if line[1]]

    assert ("baca-juga", "Baca juga: Razia Knalpot", [target.get_absolute_url()]) == (
        lines[1]
    )


def test_the_admin_edits_baca_juga_lines(client, blitar):
    editor = make_editor(blitar, EditorRole.EDITOR)
    target = make_article(blitar, title="Razia Knalpot")
    article = make_article(blitar, status=ArticleStatus.DRAFT)
    client.force_login(editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    assert "Baca juga" in page.text

    data = change_form_data(page)
    prefix = "related_links"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-position": "2",
            f"{prefix}-0-target": str(target.pk),
            f"{prefix}-0-headline": "Razia Knalpot",
            f"{prefix}-0-article": str(article.pk),
        }
    )
    response = client.post(url, data)

    assert response.status_code == 302, response.text[:2000]
    assert _links(article) == [(2, "Razia Knalpot", target)]
    assert list(Article.objects.get(pk=article.pk).related.all()) == [target]
