"""The loader: ParsedArticle objects built by hand in, rows out (no parser involved)."""

import hashlib
import itertools
from datetime import date, datetime, timedelta, timezone

import pytest
from django.contrib.auth import get_user_model

from articles import workflow
from articles.importing import ParsedArticle
from articles.importing.loader import NO_HEADLINE_FLAG, ImportRun, Outcome, load
from articles.models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Author,
    CreditRole,
    Editor,
    Outlet,
    OutletStyle,
    Region,
    Rubric,
    Transition,
)

from .factories import make_article, make_author, make_outlet

pytestmark = pytest.mark.django_db

_n = itertools.count(1)


def parsed(**overrides) -> ParsedArticle:
    n = next(_n)
    fields = {
        "outlet": "pos-kupang",
        "title": f"Polres Kupang Gelar Patroli Malam {n}",
        "body": (f"Paragraf pertama nomor {n}.", "Paragraf kedua."),
        "published": date(2025, 8, 22),
        "content_hash": hashlib.sha256(f"article {n}".encode()).hexdigest(),
    }
    fields.update(overrides)
    return ParsedArticle(**fields)


@pytest.fixture
def pos_kupang():
    return make_outlet(
        slug="pos-kupang", style=OutletStyle.POS_KUPANG, time_zone="Asia/Makassar"
    )


def _rows():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            ArticleCredit,
            Author,
            Editor,
            Rubric,
            Region,
            Transition,
        )
    }


def test_a_parsed_article_is_stored_with_every_field(pos_kupang):
    item = parsed(
        title="NTT Memilih, Kapolres Kunjungi Sekretariat Parpol",
        lead="Dialog menjaga Kamtibmas jelang Pemilu.",
        rubric="NTT Memilih",
        region="Nusa Tenggara Timur",
        authors=("Dionisius Rebon", "Ana Bria"),
        reporter="Tommy Nulangi",
        editor="Rosalina Woso",
        photo_credit="POS-KUPANG.COM/DIONISIUS REBON",
        caption="Kapolres saat berdialog, Rabu (3/9/2025).",
        dateline_place="KEFAMENANU",
        body=("Kapolres <b>hadir</b> & berdialog.", "Paragraf kedua."),
    )

    result = load(item, source="arsip/002.txt", outlet=None, status="published")

    assert result.outcome == Outcome.CREATED
    article = Article.objects.get()
    assert article.outlet == pos_kupang
    assert article.title == "NTT Memilih, Kapolres Kunjungi Sekretariat Parpol"
    assert article.slug == "ntt-memilih-kapolres-kunjungi-sekretariat-parpol"
    assert article.lead == "Dialog menjaga Kamtibmas jelang Pemilu."
    assert article.body == (
        "<p>Kapolres &lt;b&gt;hadir&lt;/b&gt; &amp; berdialog.</p><p>Paragraf kedua.</p>"
    )
    assert (article.rubric.name, article.rubric.slug, article.rubric.outlet) == (
        "NTT Memilih",
        "ntt-memilih",
        pos_kupang,
    )
    assert article.region.name == "Nusa Tenggara Timur"
    assert article.editor.credit_name == "Rosalina Woso"
    assert article.dateline_place == "KEFAMENANU"
    assert article.image_credit == "POS-KUPANG.COM/DIONISIUS REBON"
    assert article.image_caption == "Kapolres saat berdialog, Rabu (3/9/2025)."
    assert article.source_file == "arsip/002.txt"
    assert article.content_hash == item.content_hash
    assert article.flag == ""
    credits = [(c.author.name, c.role, c.order) for c in article.credits.all()]
    assert credits == [
        ("Dionisius Rebon", CreditRole.WRITER, 0),
        ("Ana Bria", CreditRole.WRITER, 1),
        ("Tommy Nulangi", CreditRole.REPORTER, 2),
    ]
    assert set(Author.objects.get(name="Ana Bria").outlets.all()) == {pos_kupang}


def test_an_imported_article_is_published_on_its_own_day_in_the_outlets_zone(
    pos_kupang,
):
    result = load(
        parsed(published=date(2025, 8, 22)),
        source="a.txt",
        outlet=None,
        status=ArticleStatus.PUBLISHED,
    )

    article = result.article
    assert article.status == ArticleStatus.PUBLISHED
    assert article.local_published_at.isoformat() == "2025-08-22T00:00:00+08:00"
    assert article.published_on == date(2025, 8, 22)
    assert f"/{pos_kupang.slug}/2025/08/22/" in article.get_absolute_url()
    transition = article.transitions.get()
    assert (transition.to_status, transition.note) == (
        ArticleStatus.PUBLISHED,
        "import",
    )


def test_a_publication_stamp_keeps_its_time():
    outlet = make_outlet(slug="blitar-update", style=OutletStyle.BLITAR_UPDATE)
    stamp = datetime(2023, 6, 9, 10, 14, tzinfo=timezone(timedelta(hours=7)))

    result = load(
        parsed(outlet="blitar-update", published=stamp),
        source="b.txt",
        outlet=None,
        status=ArticleStatus.PUBLISHED,
    )

    assert result.article.published_at == stamp
    assert result.article.outlet == outlet


def test_status_in_review_sends_the_article_to_the_review_queue(pos_kupang):
    result = load(parsed(), source="a.txt", outlet=None, status=ArticleStatus.IN_REVIEW)

    assert result.article.status == ArticleStatus.IN_REVIEW
    assert result.article.transitions.get().note == "import"


def test_an_article_without_headline_becomes_a_flagged_draft_with_a_provisional_title(
    pos_kupang,
):
    body = (
        "Kepala Kepolisian Daerah Nusa Tenggara Timur dan rombongan melaksanakan "
        "program Peduli Kasih Polri di Desa Falas.",
    )

    result = load(
        parsed(title=None, body=body),
        source="001.txt",
        outlet=None,
        status=ArticleStatus.PUBLISHED,
    )

    article = result.article
    assert result.outcome == Outcome.CREATED
    assert article.status == ArticleStatus.DRAFT
    assert article.title == (
        "Kepala Kepolisian Daerah Nusa Tenggara Timur dan rombongan melaksanakan program…"
    )
    assert article.flag == NO_HEADLINE_FLAG


def test_people_are_matched_by_normalised_name_not_duplicated(pos_kupang):
    existing = make_author("Dionisius Rebon")

    load(
        parsed(authors=("DIONISIUS  rebon.",), editor="rosalina woso"),
        source="a.txt",
        outlet=None,
        status="published",
    )
    load(
        parsed(authors=("Dionisius Rebon",), editor="Rosalina  Woso"),
        source="b.txt",
        outlet=None,
        status="published",
    )

    assert list(Author.objects.all()) == [existing]
    assert Editor.objects.filter(name_key="rosalina woso").count() == 1
    assert ArticleCredit.objects.filter(author=existing).count() == 2


def test_a_parse_error_fails_the_file_and_writes_nothing(pos_kupang):
    before = _rows()

    result = load(
        parsed(error="no publication date found", authors=("Ana Bria",)),
        source="a.txt",
        outlet=None,
        status="published",
    )

    assert (result.outcome, result.reason) == (
        Outcome.FAILED,
        "no publication date found",
    )
    assert _rows() == before


def test_an_unknown_outlet_fails_unless_one_is_given():
    outlet = make_outlet(slug="lintas-ntt")

    refused = load(
        parsed(outlet="unknown"), source="a.txt", outlet=None, status="published"
    )
    accepted = load(
        parsed(outlet="unknown"), source="a.txt", outlet=outlet, status="published"
    )

    assert refused.outcome == Outcome.FAILED
    assert refused.reason == "outlet not recognised: pass --outlet SLUG"
    assert accepted.article.outlet == outlet


def test_a_launch_outlet_created_by_a_failing_file_is_rolled_back_with_it(monkeypatch):
    real = workflow.record_imports

    def failing_on_a_txt(imports, **options):
        if any(article.source_file == "a.txt" for article, _, _ in imports):
            raise RuntimeError("disk on fire")
        return real(imports, **options)

    monkeypatch.setattr(workflow, "record_imports", failing_on_a_txt)
    run = ImportRun()

    failed = run.load(parsed(outlet="inews-ttu"), source="a.txt")
    assert failed.outcome == Outcome.FAILED
    assert not Outlet.objects.exists()

    created = run.load(parsed(outlet="inews-ttu"), source="b.txt")
    assert created.outcome == Outcome.CREATED
    outlet = Outlet.objects.get()
    assert (outlet.slug, outlet.brand_label, outlet.time_zone) == (
        "inews-ttu",
        "iNewsTTU.id",
        "Asia/Makassar",
    )
    assert created.article.outlet == outlet


def test_an_article_already_imported_is_a_duplicate(pos_kupang):
    first = parsed()
    load(first, source="arsip/a.txt", outlet=None, status="published")
    before = _rows()

    again = load(first, source="arsip/a-copy.txt", outlet=None, status="published")

    assert (again.outcome, again.duplicate_of) == (Outcome.DUPLICATE, "arsip/a.txt")
    assert _rows() == before


def test_within_a_dry_run_the_earlier_file_is_the_duplicate(pos_kupang):
    run = ImportRun(dry_run=True)
    item = parsed()

    first = run.load(item, source="a.txt")
    second = run.load(item, source="b.txt")

    assert first.outcome == Outcome.CREATED
    assert (second.outcome, second.duplicate_of) == (Outcome.DUPLICATE, "a.txt")
    assert Article.objects.count() == 0


def test_a_dry_run_writes_nothing(pos_kupang):
    before = _rows()

    result = ImportRun(dry_run=True).load(
        parsed(authors=("Ana Bria",), editor="Yos Kolo", rubric="Hukum", region="NTT"),
        source="a.txt",
    )

    assert result.outcome == Outcome.CREATED
    assert _rows() == before


def test_baca_juga_links_an_existing_article_of_the_same_outlet(pos_kupang):
    target = make_article(
        pos_kupang, title="Bawaslu Belu Belum Terima Pengaduan Parpol"
    )
    make_article(make_outlet(), title="Bawaslu Belu Belum Terima Pengaduan Parpol")

    result = load(
        parsed(
            related_headlines=(
                "Bawaslu Belu  Belum Terima Pengaduan Parpol",
                "Tidak ada",
            )
        ),
        source="a.txt",
        outlet=None,
        status="published",
    )

    assert list(result.article.related.all()) == [target]


def test_baca_juga_links_an_article_imported_later_in_the_same_run(pos_kupang):
    run = ImportRun()

    first = run.load(
        parsed(title="Patroli Malam di Kupang", related_headlines=("Razia di Oesapa",)),
        source="a.txt",
    ).article
    second = run.load(
        parsed(title="Razia di Oesapa", related_headlines=("Patroli Malam di Kupang",)),
        source="b.txt",
    ).article

    assert list(first.related.all()) == [second]
    assert list(second.related.all()) == [first]


def test_an_error_inside_a_file_leaves_nothing_behind_and_the_run_goes_on(
    pos_kupang, monkeypatch
):
    real = workflow.record_imports

    def record_imports_failing_on_the_second_file(imports, **options):
        if any(article.source_file == "b.txt" for article, _, _ in imports):
            raise RuntimeError("disk on fire")
        return real(imports, **options)

    monkeypatch.setattr(
        workflow, "record_imports", record_imports_failing_on_the_second_file
    )
    run = ImportRun()
    users = get_user_model().objects.count()

    first = run.load(parsed(authors=("Ana Bria",)), source="a.txt")
    failed = run.load(
        parsed(authors=("Yos Kolo",), editor="Maria Bria", rubric="Hukum"),
        source="b.txt",
    )
    third = run.load(
        parsed(authors=("Yos Kolo",), editor="Maria Bria", rubric="Hukum"),
        source="c.txt",
    )

    assert first.outcome == third.outcome == Outcome.CREATED
    assert failed.outcome == Outcome.FAILED
    assert "disk on fire" in failed.reason
    assert Article.objects.count() == 2
    assert not Article.objects.filter(source_file="b.txt").exists()
    # The third file recreated what the second one's rollback took away.
    assert third.article.credits.get().author.name == "Yos Kolo"
    assert third.article.editor.credit_name == "Maria Bria"
    assert third.article.rubric.name == "Hukum"
    assert get_user_model().objects.count() == users + 1


def test_a_failure_after_the_article_row_rolls_back_its_credits_and_authors(
    pos_kupang, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ImportRun, "_link_related", explode)
    before = _rows()

    result = load(
        parsed(authors=("Ana Bria",), reporter="Yos Kolo"),
        source="a.txt",
        outlet=None,
        status="published",
    )

    assert result.outcome == Outcome.FAILED
    assert _rows() == before


def test_an_article_without_a_date_cannot_be_published(pos_kupang):
    result = load(
        parsed(published=None), source="a.txt", outlet=None, status="published"
    )

    assert result.outcome == Outcome.FAILED
    assert "without a date" in result.reason
    assert Article.objects.count() == 0


def test_a_run_reuses_its_lookups_instead_of_querying_per_file(
    pos_kupang, django_assert_max_num_queries
):
    run = ImportRun()
    people = {"authors": ("Ana Bria", "Yos Kolo"), "editor": "Maria Bria"}
    run.load(parsed(rubric="Hukum", region="NTT", **people), source="warm.txt")

    with django_assert_max_num_queries(12):
        run.load(parsed(rubric="Hukum", region="NTT", **people), source="next.txt")


def test_the_loader_refuses_statuses_an_import_cannot_give():
    with pytest.raises(ValueError):
        ImportRun(status=ArticleStatus.RETRACTED)
