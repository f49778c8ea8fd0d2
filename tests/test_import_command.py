"""`manage.py import_articles`: files in, per-file report out.

Tests taking the `fake_parse` fixture run on tests/fake_parser.py, a tiny stand-in format
that isolates the command from parsing; the end-to-end tests at the bottom use the real
`articles.importing.parse` on the seeds and the demo articles.
"""

import io
import itertools
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import workflow
from articles.models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Author,
    Outlet,
    OutletStyle,
)

from .conftest import REPO, SEED_DIR, SEEDS
from .factories import make_outlet

pytestmark = pytest.mark.django_db


def run_import(*args, expect_failure=False, failure=r"could not be imported"):
    """Run the command; return (stdout, stderr). A run with failed files raises CommandError."""
    out, err = io.StringIO(), io.StringIO()
    if expect_failure:
        with pytest.raises(CommandError, match=failure):
            call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    else:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def outlet():
    return make_outlet(slug="pos-kupang", style=OutletStyle.POS_KUPANG)


_n = itertools.count(1)


def write(folder: Path, name: str, fake_parse, **fields) -> Path:
    n = next(_n)
    fields.setdefault("outlet", "pos-kupang")
    fields.setdefault("title", f"Polisi Gelar Patroli Malam {n}")
    fields.setdefault("published", "2025-08-22")
    fields.setdefault("body", [f"Paragraf pertama {n}.", "Paragraf kedua."])
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fake_parse.article_text(**fields), encoding="utf-8")
    return path


def test_every_bad_file_is_reported_with_its_reason_and_the_others_import(
    tmp_path, outlet, fake_parse
):
    folder = tmp_path / "arsip"
    write(folder, "01-good.txt", fake_parse)
    (folder / "02-empty.txt").write_bytes(b"")
    (folder / "03-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    latin = fake_parse.article_text(
        outlet="pos-kupang", title="Caf\xe9 di Kupang", published="2025-08-23"
    )
    (folder / "04-latin1.txt").write_bytes(latin.encode("cp1252"))
    write(folder, "05-no-body.txt", fake_parse, body=[])
    write(folder, "06-no-date.txt", fake_parse, published=None)
    (folder / "07-broken-link.txt").symlink_to(tmp_path / "gone.txt")
    write(folder, "sub/08-good.txt", fake_parse)
    missing = tmp_path / "missing.txt"

    out, _ = run_import(folder, missing, "--verbosity", "2", expect_failure=True)

    assert "Imported: 3 created, 0 duplicates, 6 failed." in out
    failures = dict(
        line.strip().split(": ", 1)
        for line in out.splitlines()
        if line.startswith("  ") and ": warning: " not in line
    )
    assert failures == {
        f"{folder}/02-empty.txt": "empty file: nothing to import",
        f"{folder}/03-binary.txt": "binary content (control bytes): not a text file",
        f"{folder}/05-no-body.txt": "no body text: the file has a headline but no paragraphs",
        f"{folder}/06-no-date.txt": "no publication date found: add a dated dateline or stamp",
        f"{folder}/07-broken-link.txt": "cannot read it: No such file or directory",
        f"{missing}": "cannot read it: no such file or folder",
    }
    # Latin-1 text is read with a fallback and imported, with a warning for an editor.
    assert f"{folder}/04-latin1.txt: warning: not UTF-8" in out
    assert Article.objects.filter(title="Café di Kupang").exists()
    assert Article.objects.count() == 3


def test_a_second_run_creates_nothing_and_reports_duplicates(
    tmp_path, outlet, fake_parse
):
    write(tmp_path, "a.txt", fake_parse, authors=["Ana Bria"])
    write(tmp_path, "b.txt", fake_parse)
    run_import(tmp_path)
    counts = (
        Article.objects.count(),
        ArticleCredit.objects.count(),
        Author.objects.count(),
    )

    out, _ = run_import(tmp_path)

    assert "Imported: 0 created, 2 duplicates, 0 failed." in out
    assert (
        Article.objects.count(),
        ArticleCredit.objects.count(),
        Author.objects.count(),
    ) == counts


def test_whitespace_and_crlf_variants_are_duplicates(tmp_path, outlet, fake_parse):
    original = write(tmp_path, "a.txt", fake_parse).read_text()
    crlf = original.replace("\n", "\r\n").replace(
        "Paragraf kedua.", "Paragraf   kedua. "
    )
    (tmp_path / "b.txt").write_bytes(crlf.encode())

    out, _ = run_import(tmp_path)

    assert "Imported: 1 created, 1 duplicates, 0 failed." in out
    assert Article.objects.count() == 1


def test_a_dry_run_writes_nothing(tmp_path, outlet, fake_parse):
    write(tmp_path, "a.txt", fake_parse, authors=["Ana Bria"], editor="Yos Kolo")
    write(tmp_path, "b.txt", fake_parse, rubric="Hukum")

    out, _ = run_import(tmp_path, "--dry-run")

    assert (
        "Dry run, nothing was written: would create 2, 0 duplicates, 0 would fail."
        in out
    )
    assert "Imported" not in out
    assert Article.objects.count() == ArticleCredit.objects.count() == 0
    assert Author.objects.count() == 0


def test_an_error_in_the_middle_of_a_run_leaves_no_partial_article(
    tmp_path, outlet, fake_parse, monkeypatch
):
    real = workflow.record_imports

    def failing_on_the_second_file(imports, **options):
        # Fails the group the second file is written in, then that file alone.
        if any(article.source_file.endswith("/2.txt") for article, _, _ in imports):
            raise RuntimeError("connection lost")
        return real(imports, **options)

    monkeypatch.setattr(workflow, "record_imports", failing_on_the_second_file)
    write(tmp_path, "1.txt", fake_parse, authors=["Ana Bria"])
    write(tmp_path, "2.txt", fake_parse, authors=["Yos Kolo"], reporter="Frans Taek")
    write(tmp_path, "3.txt", fake_parse, authors=["Ana Bria"])

    out, _ = run_import(tmp_path, expect_failure=True)

    assert "Imported: 2 created, 0 duplicates, 1 failed." in out
    assert (
        f"{tmp_path}/2.txt: could not be saved (RuntimeError: connection lost)" in out
    )
    assert sorted(Article.objects.values_list("source_file", flat=True)) == [
        f"{tmp_path}/1.txt",
        f"{tmp_path}/3.txt",
    ]
    assert ArticleCredit.objects.count() == 2
    assert list(Author.objects.values_list("name", flat=True)) == ["Ana Bria"]


def test_a_file_without_headline_becomes_a_flagged_draft(tmp_path, outlet, fake_parse):
    write(
        tmp_path, "a.txt", fake_parse, title=None, body=["Kapolres Belu pastikan aman."]
    )

    run_import(tmp_path)

    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert article.title == "Kapolres Belu pastikan aman.…"
    assert article.flag.startswith("Imported without a headline")


def test_baca_juga_headlines_link_to_existing_articles(tmp_path, outlet, fake_parse):
    write(tmp_path, "1.txt", fake_parse, title="Bawaslu Belu Belum Terima Pengaduan")
    write(
        tmp_path,
        "2.txt",
        fake_parse,
        title="Kapolres Kunjungi Parpol",
        related=["Bawaslu Belu Belum Terima Pengaduan"],
    )

    run_import(tmp_path)

    article = Article.objects.get(title="Kapolres Kunjungi Parpol")
    assert [a.title for a in article.related.all()] == [
        "Bawaslu Belu Belum Terima Pengaduan"
    ]


def test_by_default_articles_are_published_on_their_original_date(
    tmp_path, outlet, fake_parse
):
    write(tmp_path, "a.txt", fake_parse, published="2025-03-04")

    run_import(tmp_path)

    article = Article.objects.get()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.local_published_at.date().isoformat() == "2025-03-04"
    assert article.transitions.get().note == "import"
    assert Article.objects.published().count() == 1


def test_status_draft_sends_articles_to_the_review_queue(tmp_path, outlet, fake_parse):
    write(tmp_path, "a.txt", fake_parse)

    run_import(tmp_path, "--status", "draft")

    article = Article.objects.get()
    assert article.status == ArticleStatus.IN_REVIEW
    assert article.transitions.get().note == "import"


def test_dry_run_json_prints_one_preview_line_per_file_in_input_order(
    tmp_path, outlet, fake_parse
):
    write(
        tmp_path,
        "1.txt",
        fake_parse,
        title="Patroli Malam",
        authors=["Ana Bria"],
        related=["Razia di Oesapa"],
        published="2025-08-22T19:05+08:00",
    )
    (tmp_path / "2.txt").write_text((tmp_path / "1.txt").read_text() + "\n\n")
    write(tmp_path, "3.txt", fake_parse, outlet="unknown")

    out, err = run_import(tmp_path, "--dry-run", "--json", expect_failure=True)

    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["file"] for line in lines] == [
        f"{tmp_path}/1.txt",
        f"{tmp_path}/2.txt",
        f"{tmp_path}/3.txt",
    ]
    assert list(lines[0]) == [
        "file",
        "outlet",
        "title",
        "lead",
        "rubric",
        "region",
        "authors",
        "editor",
        "reporter",
        "photo_credit",
        "dateline_place",
        "published",
        "body",
        "related_headlines",
        "error",
        "duplicate_of",
        "warnings",
    ]
    assert lines[0]["title"] == "Patroli Malam"
    assert lines[0]["published"] == "2025-08-22T19:05+08:00"
    assert lines[0]["related_headlines"] == ["Razia di Oesapa"]
    assert (lines[0]["error"], lines[0]["duplicate_of"]) == (None, None)
    assert lines[1]["duplicate_of"] == f"{tmp_path}/1.txt"
    assert lines[2]["error"] == "outlet not recognised: pass --outlet SLUG"
    assert "would create 1, 1 duplicates, 1 would fail." in err
    assert Article.objects.count() == 0


def test_json_reports_an_unreadable_file_too(tmp_path, fake_parse):
    (tmp_path / "nope.txt").symlink_to(tmp_path / "gone.txt")

    out, _ = run_import(tmp_path / "nope.txt", "--json", expect_failure=True)

    line = json.loads(out)
    assert line["file"] == f"{tmp_path}/nope.txt"
    assert line["error"] == "cannot read it: No such file or directory"


def test_outlet_option_places_unrecognised_articles(tmp_path, fake_parse):
    lintas = make_outlet(slug="lintas-ntt")
    write(tmp_path, "a.txt", fake_parse, outlet="unknown")

    run_import(tmp_path, "--outlet", "lintas-ntt")

    assert Article.objects.get().outlet == lintas


def test_an_unknown_outlet_option_stops_before_any_file(tmp_path, fake_parse):
    with pytest.raises(CommandError, match="No outlet with the slug 'nowhere'"):
        call_command("import_articles", str(tmp_path), outlet="nowhere")


def test_stdin_is_read_as_bytes(outlet, fake_parse, monkeypatch):
    text = fake_parse.article_text(
        outlet="pos-kupang", title="Dari Stdin", published="2025-01-02"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))

    out, _ = run_import("-")

    assert "Imported: 1 created, 0 duplicates, 0 failed." in out
    assert Article.objects.get().title == "Dari Stdin"


def test_a_parser_crash_costs_one_file(tmp_path, outlet, fake_parse, monkeypatch):
    from articles import importing

    def crashing(raw, **context):
        if b"crash" in raw:
            raise ValueError("unexpected layout")
        return fake_parse.parse(raw)

    monkeypatch.setattr(importing, "parse", crashing)
    write(tmp_path, "1.txt", fake_parse, title="crash here")
    write(tmp_path, "2.txt", fake_parse)

    out, _ = run_import(tmp_path, expect_failure=True)

    assert "Imported: 1 created, 0 duplicates, 1 failed." in out
    assert "unexpected layout" in out


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path, outlet, fake_parse, capsys
):
    write(tmp_path, "a.txt", fake_parse)

    run_import(tmp_path)

    assert capsys.readouterr().err == ""


# --- End to end with the real parser. ---

DEMO_ARTICLES = REPO / "demo" / "articles"


@pytest.fixture
def launch_outlets():
    call_command("load_demo", stories=0, stdout=io.StringIO(), stderr=io.StringIO())
    Article.objects.all().delete()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seeds_preview_matches_the_expected_fields(seed, launch_outlets):
    expected = json.loads(
        (SEED_DIR / "expected" / f"seed-{seed.name[:3]}.json").read_text()
    )

    out, _ = run_import(seed, "--dry-run", "--json")

    line = json.loads(out)
    for key in (
        "outlet",
        "title",
        "authors",
        "editor",
        "published",
        "related_headlines",
    ):
        assert line[key] == expected[key], key
    assert len(line["body"]) == expected["body_paragraph_count"]
    assert line["error"] is None


def test_seeds_import_and_a_second_run_reports_duplicates(launch_outlets):
    out, _ = run_import(*SEEDS)
    assert "Imported: 5 created, 0 duplicates, 0 failed." in out
    headless = Article.objects.get(outlet__slug="inews-ttu")
    assert headless.status == ArticleStatus.DRAFT and headless.flag

    out, _ = run_import(*SEEDS)
    assert "Imported: 0 created, 5 duplicates, 0 failed." in out


def test_real_bad_inputs_fail_per_file(tmp_path, launch_outlets):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    title_only = SEEDS[0].read_text().split("\n\n")[0]
    (tmp_path / "title-only.txt").write_text(title_only)
    (tmp_path / "latin1.txt").write_bytes(
        SEEDS[2].read_text().replace("Kunjungi", "Kunjungi Caf\xe9").encode("cp1252")
    )

    out, _ = run_import(tmp_path, expect_failure=True)

    assert "Imported: 1 created, 0 duplicates, 3 failed." in out


def test_the_demo_articles_all_import_and_reloading_creates_nothing():
    # The drawn archive (articles/demo.py) is tested in test_demo.py.
    call_command("load_demo", stories=0, stdout=io.StringIO(), stderr=io.StringIO())
    expected = len(list(DEMO_ARTICLES.rglob("*.txt")))
    assert Article.objects.published().count() == expected == 20
    assert Article.objects.filter(related__isnull=False).distinct().count() >= 10

    out = io.StringIO()
    call_command("load_demo", stories=0, stdout=out, stderr=io.StringIO())
    assert Article.objects.count() == expected
    assert out.getvalue().count("0 created") == 5


def test_long_runs_parse_in_worker_processes_with_the_same_results(
    tmp_path, launch_outlets, monkeypatch
):
    from articles.management.commands import import_articles

    for seed in SEEDS:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    in_process, _ = run_import(tmp_path, "--dry-run", "--json")
    monkeypatch.setattr(import_articles, "PARSE_HERE", 1)

    with_workers, _ = run_import(tmp_path, "--dry-run", "--json")

    assert with_workers == in_process
    assert len(with_workers.splitlines()) == len(SEEDS)


def test_same_headline_on_the_same_day_gets_numbered_slugs_within_one_group(
    tmp_path, outlet, fake_parse
):
    for n in range(3):
        write(
            tmp_path, f"{n}.txt", fake_parse, title="Patroli Malam", body=[f"Isi {n}."]
        )

    run_import(tmp_path)

    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "patroli-malam",
        "patroli-malam-2",
        "patroli-malam-3",
    ]


def test_an_import_creates_a_launch_outlet_that_is_not_set_up_yet():
    run_import(*SEEDS)

    outlets = {o.slug: (o.brand_label, o.time_zone) for o in Outlet.objects.all()}
    assert outlets == {
        "tribratanews-ntt": ("Tribratanewsntt.com", "Asia/Makassar"),
        "inews-ttu": ("iNewsTTU.id", "Asia/Makassar"),
        "pos-kupang": ("POS-KUPANG.COM", "Asia/Makassar"),
        "blitar-update": ("BLITAR.UPDATE.CO.ID", "Asia/Jakarta"),
        "beritanasional": ("BeritaNasional.ID", "Asia/Jakarta"),
    }
    assert Article.objects.count() == 5


def test_a_dry_run_creates_no_outlet_either():
    run_import(*SEEDS, "--dry-run")

    assert Outlet.objects.count() == Article.objects.count() == 0


def test_an_archive_article_sent_to_review_is_published_on_its_own_date(launch_outlets):
    from datetime import date

    from tests.factories import make_editor

    pos_kupang_seed = [seed for seed in SEEDS if seed.name.startswith("002")]
    run_import(*pos_kupang_seed, "--status", "draft")
    article = Article.objects.get()
    assert article.status == ArticleStatus.IN_REVIEW
    assert article not in Article.objects.published()

    article = workflow.publish(article, by=make_editor(article.outlet))

    assert article.published_on == date(2023, 8, 22)
    assert article.published_date_only
    assert article in Article.objects.published()
