"""What the operator of `import_articles` sees: progress, summary, warnings, odd paths."""

import dataclasses
import io
import json
import os
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.importing import ParsedArticle
from articles.management.commands import import_articles
from articles.models import Article, ArticleStatus, Outlet, OutletStyle

from .factories import make_outlet
from .test_import_command import run_import, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet():
    return make_outlet(slug="pos-kupang", style=OutletStyle.POS_KUPANG)


def test_off_a_terminal_progress_is_a_line_every_few_files_with_rate_and_eta(
    tmp_path, outlet, fake_parse, monkeypatch
):
    monkeypatch.setattr(import_articles, "PROGRESS_EVERY_FILES", 2)
    for n in range(5):
        write(tmp_path, f"{n}.txt", fake_parse)

    _, err = run_import(tmp_path)

    progress = [line for line in err.splitlines() if line.startswith("Progress:")]
    assert [line.split(",")[0] for line in progress] == [
        "Progress: 2/5 files",
        "Progress: 4/5 files",
    ]
    assert "files/s, about " in progress[0]
    assert progress[0].endswith(" left")


def test_a_dry_run_says_what_it_would_do(tmp_path, outlet, fake_parse):
    write(tmp_path, "a.txt", fake_parse)
    write(tmp_path, "b.txt", fake_parse, title=None)

    out, _ = run_import(tmp_path, "--dry-run")

    assert out.startswith(
        "Dry run, nothing was written: would create 2, 0 duplicates, 0 would fail.\n"
        "For an editor: 1 would be flagged drafts, 0 file(s) with warnings"
    )
    assert Article.objects.count() == 0


def test_flagged_drafts_and_warnings_are_counted_and_listed_with_v(
    tmp_path, outlet, fake_parse
):
    write(tmp_path, "1-ok.txt", fake_parse)
    write(tmp_path, "2-no-title.txt", fake_parse, title=None)
    latin = fake_parse.article_text(
        outlet="pos-kupang", title="Caf\xe9 Baru", published="2025-01-02"
    )
    (tmp_path / "3-latin.txt").write_bytes(latin.encode("cp1252"))

    out, _ = run_import(tmp_path)
    verbose, _ = run_import(tmp_path, "--verbosity", "2")

    assert "Imported: 3 created, 0 duplicates, 0 failed." in out
    assert (
        "For an editor: 1 flagged drafts, 1 file(s) with warnings (-v lists them)."
        in out
    )
    assert "2-no-title.txt: flagged" not in out
    # A rerun creates nothing, so it flags nothing new either.
    assert "For an editor" not in verbose
    Article.objects.all().delete()
    verbose, _ = run_import(tmp_path, "--verbosity", "2")
    assert f"  {tmp_path}/2-no-title.txt: flagged: Imported without a headline" in (
        verbose
    )
    assert f"  {tmp_path}/3-latin.txt: warning: not UTF-8" in verbose


def test_an_empty_folder_is_a_warning_and_a_failed_run(tmp_path, outlet):
    (tmp_path / "arsip").mkdir()

    out, _ = run_import(
        tmp_path / "arsip", expect_failure=True, failure="no files were found"
    )

    assert f"Warning: no files found in {tmp_path}/arsip" in out
    assert "files/s" not in out


def test_a_missing_path_is_reported_without_a_speed(tmp_path, outlet):
    out, _ = run_import(
        tmp_path / "gone", expect_failure=True, failure="no files were found"
    )

    assert f"{tmp_path}/gone: cannot read it: no such file or folder" in out
    assert "Warning: no files found" in out
    assert "files/s" not in out


def test_outlet_option_creates_a_launch_outlet_not_set_up_yet(tmp_path, fake_parse):
    write(tmp_path, "a.txt", fake_parse, outlet="unknown")

    out, _ = run_import(tmp_path, "--outlet", "inews-ttu")

    assert "1 created" in out
    outlet = Outlet.objects.get()
    assert (outlet.slug, outlet.style, outlet.brand_label) == (
        "inews-ttu",
        OutletStyle.INEWS_TTU,
        "iNewsTTU.id",
    )
    assert Article.objects.get().outlet == outlet


def test_outlet_option_in_a_dry_run_creates_no_outlet(tmp_path, fake_parse):
    write(tmp_path, "a.txt", fake_parse, outlet="unknown")

    out, _ = run_import(tmp_path, "--outlet", "inews-ttu", "--dry-run")

    assert "would create 1" in out
    assert Outlet.objects.count() == 0


def test_outlet_option_still_refuses_an_unknown_slug(tmp_path, fake_parse):
    write(tmp_path, "a.txt", fake_parse)

    with pytest.raises(CommandError, match="No outlet with the slug 'lintas'"):
        call_command("import_articles", str(tmp_path), "--outlet", "lintas")


@dataclasses.dataclass(frozen=True)
class _YearUnknown(ParsedArticle):
    # The parsers' marker for a date whose year nothing in the file tells.
    needs_date: bool = True


def test_a_date_without_a_knowable_year_becomes_an_undated_flagged_draft(
    tmp_path, outlet, fake_parse, monkeypatch
):
    real_parse = fake_parse.parse

    def parse(raw):
        parsed = real_parse(raw)
        fields = {f.name: getattr(parsed, f.name) for f in dataclasses.fields(parsed)}
        return _YearUnknown(**{**fields, "published": None, "error": None})

    monkeypatch.setattr("articles.importing.parse", parse)
    write(tmp_path, "a.txt", fake_parse, published="2026-11-19")

    out, _ = run_import(tmp_path)

    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert article.published_at is None
    assert article.flag.startswith("No year could be known")
    assert "1 flagged drafts" in out


def test_a_date_after_the_import_becomes_a_flagged_draft_with_a_warning(
    tmp_path, outlet, fake_parse
):
    tomorrow = timezone.now().date() + timedelta(days=2)
    write(tmp_path, "future.txt", fake_parse, published=tomorrow.isoformat())
    write(tmp_path, "past.txt", fake_parse, published="2024-05-01")

    out, _ = run_import(tmp_path, "--verbosity", "2")

    future = Article.objects.get(source_file__endswith="future.txt")
    assert future.status == ArticleStatus.DRAFT
    assert future.published_at is None
    assert future.flag.startswith("Dated after the import ran")
    assert f"future.txt: warning: dated {tomorrow.isoformat()}, after the import" in out
    past = Article.objects.get(source_file__endswith="past.txt")
    assert past.status == ArticleStatus.PUBLISHED
    assert past.published_on == date(2024, 5, 1)
    # Nothing imported is dated after the import ran.
    assert not Article.objects.filter(published_at__gt=timezone.now()).exists()


def test_a_future_stamp_with_a_time_is_caught_too(tmp_path, outlet, fake_parse):
    later = (timezone.now() + timedelta(hours=3)).astimezone(outlet.zone)
    write(tmp_path, "a.txt", fake_parse, published=later.strftime("%Y-%m-%dT%H:%M%z"))

    run_import(tmp_path)

    assert Article.objects.get().published_at is None


def test_a_file_name_that_is_not_utf8_imports_and_reports_as_valid_json(
    tmp_path, outlet, fake_parse
):
    folder = os.fsencode(tmp_path)
    name = folder + b"/berita-\xff\xfe.txt"
    with open(name, "wb") as file:
        file.write(
            fake_parse.article_text(
                outlet="pos-kupang", title="Nama Aneh", published="2025-01-03"
            ).encode()
        )

    out = io.StringIO()
    call_command(
        "import_articles", str(tmp_path), "--json", stdout=out, stderr=io.StringIO()
    )

    line = json.loads(out.getvalue().encode("utf-8"))
    assert line["file"] == f"{tmp_path}/berita-\\xff\\xfe.txt"
    article = Article.objects.get()
    assert article.title == "Nama Aneh"
    assert article.source_file == f"{tmp_path}/berita-\\xff\\xfe.txt"
    article.source_file.encode("utf-8")  # valid text, storable anywhere
