"""Each launch outlet's article page carries its own byline, dateline and sign-off."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.models import ArticleCredit, CreditRole, OutletStyle, OutletZone
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
)
from tests.pages import by_class, parse, text

pytestmark = pytest.mark.django_db

BODY = "".join(f"<p>Paragraf {n} isi berita.</p>" for n in range(1, 8))


def _outlet(style, brand, zone=OutletZone.WITA):
    return make_outlet(style=style, brand_label=brand, time_zone=zone)


def _page(client, article):
    return parse(client.get(article.get_absolute_url()))


def test_tribratanews_opens_the_first_paragraph_with_its_brand(client):
    outlet = _outlet(OutletStyle.TRIBRATANEWS_NTT, "Tribratanewsntt.com")
    article = make_article(outlet, title="Polda NTT Gelar Apel", body=BODY)

    doc = _page(client, article)

    assert text(doc, "//h1") == "Polda NTT Gelar Apel"
    first = text(doc, f"({by_class('story-body')}//p)[1]")
    assert first == "Tribratanewsntt.com - Paragraf 1 isi berita."


def test_inews_prints_place_and_brand_and_the_editor_under_the_story(client):
    outlet = _outlet(OutletStyle.INEWS_TTU, "iNewsTTU.id")
    editor = make_editor(outlet, credit_name="Yohana Abi")
    article = make_article(outlet, body=BODY, dateline_place="Soe", editor=editor)

    doc = _page(client, article)

    assert text(doc, f"({by_class('story-body')}//p)[1]").startswith(
        "SOE, iNewsTTU.id - Paragraf 1"
    )
    assert text(doc, by_class("editor-credit")) == "Editor : Yohana Abi"


def test_pos_kupang_has_rubric_byline_report_line_dateline_inline_links_and_end_mark(
    client,
):
    outlet = _outlet(OutletStyle.POS_KUPANG, "POS-KUPANG.COM")
    rubric = make_rubric(outlet, "Regional")
    editor = make_editor(outlet, credit_name="Ermalinda Manu")
    writer = make_author("Lodovikus Lasi")
    reporter = make_author("Dionisius Rebon")
    related = [make_article(outlet, title=f"Kisah terkait {n}") for n in (1, 2)]
    article = make_article(
        outlet,
        title="Jalan Rusak di Kefamenanu",
        lead="Warga mengeluhkan jalan rusak.",
        body=BODY,
        rubric=rubric,
        editor=editor,
        dateline_place="Kefamenanu",
        authors=[writer],
    )
    ArticleCredit.objects.create(
        article=article, author=reporter, role=CreditRole.REPORTER, order=1
    )
    article.related.set(related)

    doc = _page(client, article)

    header = doc.xpath(by_class("story-header"))[0]
    kicker, h1 = header.xpath(f".{by_class('kicker')}")[0], header.xpath(".//h1")[0]
    assert kicker.getparent().index(kicker) < h1.getparent().index(h1)
    assert text(doc, by_class("kicker")) == "Regional"
    assert text(doc, by_class("lead")) == "Warga mengeluhkan jalan rusak."
    assert (
        text(doc, by_class("byline"))
        == "Penulis: Lodovikus Lasi | Editor: Ermalinda Manu"
    )
    assert text(doc, by_class("report-line")) == (
        "Laporan Reporter POS-KUPANG.COM, Dionisius Rebon"
    )
    paragraphs = [
        " ".join(p.text_content().split())
        for p in doc.xpath(f"{by_class('story-body')}/p")
    ]
    assert paragraphs[1] == "POS-KUPANG.COM, KEFAMENANU - Paragraf 1 isi berita."
    # "Baca juga" sits inside the story: after the 3rd and the 6th paragraph.
    assert paragraphs[4].startswith("Baca juga: Kisah terkait")
    assert paragraphs[8].startswith("Baca juga: Kisah terkait")
    assert paragraphs[-1] == "(*)"


def test_blitar_update_byline_carries_brand_and_english_local_stamp(client):
    outlet = _outlet(
        OutletStyle.BLITAR_UPDATE, "BLITAR.UPDATE.CO.ID", zone=OutletZone.WIB
    )
    published = datetime(2023, 6, 9, 10, 14, tzinfo=ZoneInfo("Asia/Jakarta"))
    article = make_article(
        outlet, body=BODY, published_at=published, authors=[make_author("Dwi Prasetyo")]
    )

    doc = _page(client, article)

    assert text(doc, by_class("byline")) == "Dwi Prasetyo - BLITAR.UPDATE.CO.ID"
    assert text(doc, by_class("stamp-en")) == "Jun 9, 2023 - 10:14"
    # One date only, and the outlet's closing mark.
    assert len(doc.xpath("//header//time")) == 1
    assert "Jumat, 9 Juni 2023" not in text(doc, by_class("story-header"))
    assert text(doc, by_class("end-mark")) == "(*)"


def test_pos_kupang_prints_its_end_mark_once_and_names_nobody_twice(client):
    outlet = _outlet(OutletStyle.POS_KUPANG, "POS-KUPANG.COM")
    person = make_author("Dionisius Rebon")
    article = make_article(
        outlet, body="<p>Isi berita.</p><p>Penutup berita. (*)</p>", authors=[person]
    )
    ArticleCredit.objects.create(
        article=article, author=person, role=CreditRole.REPORTER, order=1
    )

    doc = _page(client, article)

    assert text(doc, by_class("story-body")).count("(*)") == 1
    assert doc.xpath("//ul[@class='credits']") == []


def test_beritanasional_has_region_kicker_en_dash_dateline_and_initials_sign_off(
    client,
):
    outlet = _outlet(OutletStyle.BERITANASIONAL, "BeritaNasional.ID", OutletZone.WIB)
    article = make_article(
        outlet,
        body=BODY,
        region=make_region(outlet, "Kalimantan Barat"),
        dateline_place="Sekadau Kalbar",
        authors=[make_author("Aji Prasetyo")],
    )

    doc = _page(client, article)

    assert text(doc, by_class("kicker")) == "Kalimantan Barat"
    assert text(doc, f"({by_class('story-body')}//p)[1]") == (
        "BeritaNasional.ID, SEKADAU KALBAR – Paragraf 1 isi berita."
    )
    assert text(doc, by_class("signoff")) == "(Aji/BERNAS)"


def test_a_neutral_outlet_prints_place_and_writers_without_a_brand(client):
    outlet = make_outlet(brand_label="NETRAL.ID")
    article = make_article(
        outlet, body=BODY, dateline_place="Kupang", authors=[make_author("Ana Lay")]
    )

    doc = _page(client, article)

    assert text(doc, f"({by_class('story-body')}//p)[1]") == (
        "KUPANG – Paragraf 1 isi berita."
    )
    assert text(doc, by_class("byline")) == "Oleh Ana Lay"


def test_the_article_date_is_indonesian_in_the_outlet_zone_with_its_label(client):
    outlet = _outlet(OutletStyle.POS_KUPANG, "POS-KUPANG.COM", OutletZone.WITA)
    published = datetime(2023, 8, 22, 6, 5, tzinfo=ZoneInfo("UTC"))
    article = make_article(outlet, published_at=published)

    doc = _page(client, article)

    assert (
        text(doc, f"{by_class('stamp')}/time") == "Selasa, 22 Agustus 2023 14:05 WITA"
    )
    assert doc.xpath(f"{by_class('stamp')}/time/@datetime") == [
        "2023-08-22T14:05:00+08:00"
    ]
