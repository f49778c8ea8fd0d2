"""Real pages: site chrome, stamps, odd bylines and datelines, years never guessed."""

from datetime import UTC, date, datetime

from articles.importing import parse
from articles.importing.layout import NEEDS_DATE_WARNING, NO_DATE_ERROR
from articles.importing.text import is_chrome

IMPORTED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _parse(text: str, **context):
    return parse(text.encode(), now=IMPORTED, **context)


STORY = "KUPANG - Polisi menangkap pencuri motor, {when}.\n\nPelaku kini ditahan.\n"


# --- site chrome -----------------------------------------------------------------------


def test_app_banners_menus_and_score_tickers_are_never_the_title():
    parsed = _parse(
        "get app\nClose Banner Apps Pos Kupang\nHome\nBerita\nBola\nPersib 2-1 Persija\n"
        "Polisi Tangkap Pencuri Motor\n\n" + STORY.format(when="Senin (3/7/2023)")
    )

    assert parsed.title == "Polisi Tangkap Pencuri Motor"
    assert parsed.body[0].startswith("Polisi menangkap")


def test_a_headline_repeated_three_times_is_the_title_and_never_body():
    parsed = _parse(
        "Home\nNews\nPolisi Tangkap Pencuri Motor\n\nPolisi Tangkap Pencuri Motor\n\n"
        "Polisi Tangkap Pencuri Motor\n\n" + STORY.format(when="Senin (3/7/2023)")
    )

    assert parsed.title == "Polisi Tangkap Pencuri Motor"
    assert parsed.body == (
        "Polisi menangkap pencuri motor, Senin (3/7/2023).",
        "Pelaku kini ditahan.",
    )


def test_a_headline_repeated_after_the_dateline_is_dropped_from_the_body():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nSekadau –\nPolisi Tangkap Pencuri Motor\n"
        "Polisi menangkap pencuri motor, Senin (3/7/2023).\nPelaku kini ditahan.\n"
    )

    assert parsed.body[0].startswith("Polisi menangkap")
    assert len(parsed.body) == 2


def test_the_headline_is_taken_from_beside_the_byline():
    parsed = _parse(
        "Trending Topik\nPolisi Patroli Malam\nViral Hari Ini\n"
        "Polisi Tangkap Pencuri Motor di Oebobo\nPenulis: Ray Rebon | Editor: Edi Hayong\n\n"
        + STORY.format(when="Senin (3/7/2023)")
    )

    assert parsed.title == "Polisi Tangkap Pencuri Motor di Oebobo"
    assert parsed.authors == ("Ray Rebon",)


def test_a_rubric_above_the_title_is_not_site_chrome():
    parsed = _parse(
        "NTT Memilih\n\nNTT Memilih, Polisi Siagakan Personel\n\n"
        "Pengamanan difokuskan di kantor KPU provinsi dan kabupaten.\n\n"
        "Penulis: Yuliana Manehat | Editor: Edi Hayong\n\n"
        + STORY.format(when="Senin (3/7/2023)")
    )

    assert parsed.rubric == "NTT Memilih"
    assert parsed.title == "NTT Memilih, Polisi Siagakan Personel"


# --- stamps and dates --------------------------------------------------------------------


def test_a_numeric_kompas_stamp_beats_the_body_date():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKompas.com - 21/03/2023, 11:34 WIB\n\n"
        "KUPANG, KOMPAS.com - Polisi menangkap pencuri, Senin (20/3/2023).\n"
    )

    assert parsed.published_iso() == "2023-03-21T11:34+07:00"
    assert parsed.dateline_place == "KUPANG"
    assert parsed.body[0].startswith("Polisi menangkap")


def test_an_author_and_indonesian_stamp_give_author_and_time():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nYufengki Bria - Senin, 22 Desember 2025 11:01 WITA\n\n"
        + STORY.format(when="Kamis (18/12)")
    )

    assert parsed.authors == ("Yufengki Bria",)
    assert parsed.published_iso() == "2025-12-22T11:01+08:00"


def test_english_month_names_in_a_stamp_are_read():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nMonday, 9 October 2023 08:15 WIT\n\n"
        + STORY.format(when="Senin (9/10)")
    )

    assert parsed.published_iso() == "2023-10-09T08:15+09:00"


def test_a_yearless_date_takes_the_year_of_the_source_url():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n" + STORY.format(when="Kamis (19/11)"),
        source_name="https://kupang.tribunnews.com/2020/11/19/polisi-tangkap-pencuri",
    )

    assert parsed.published == date(2020, 11, 19)
    assert not parsed.needs_date


def test_a_yearless_date_takes_the_year_stated_in_the_text():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        + STORY.format(when="Kamis (19/11)")
        + "\nSepanjang tahun 2015 tercatat 40 kasus.\n"
    )

    assert parsed.published == date(2015, 11, 19)


def test_a_yearless_date_with_no_evidence_is_a_flagged_draft_not_a_guess():
    # Kamis (19/11) fits 2015, 2020 and 2026: the weekday alone proves nothing.
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n" + STORY.format(when="Kamis (19/11)")
    )

    assert parsed.published is None
    assert parsed.needs_date
    assert parsed.error is None
    assert any(warning.startswith(NEEDS_DATE_WARNING) for warning in parsed.warnings)


def test_a_file_without_any_date_is_still_an_error_not_a_draft():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKUPANG - Polisi menangkap pencuri.\n"
    )

    assert parsed.error == NO_DATE_ERROR
    assert not parsed.needs_date


def test_no_date_is_ever_later_than_the_import():
    stamp = _parse(
        "Polisi Tangkap Pencuri Motor\n\nSabtu, 5 Desember 2026 10:00 WIB\n\n"
        + STORY.format(when="Rabu (2/9/2026)")
    )
    body = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        + STORY.format(when="pada Senin, 7 Desember 2026 dan Senin (2/11/2026)")
    )
    yearless = _parse(
        "Polisi Tangkap Pencuri Motor\n\n" + STORY.format(when="Senin (7/12)"),
        source_name="arsip-2026.txt",
    )

    assert stamp.published == date(2026, 9, 2)
    assert body.published == date(2026, 11, 2)
    assert yearless.published is None and yearless.needs_date
    for parsed in (stamp, body):
        assert any("later than the import" in warning for warning in parsed.warnings)


# --- bylines and datelines ------------------------------------------------------------------


def test_oleh_and_editor_on_one_line_are_author_and_editor():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nOleh: Alfi Sahrin Editor: Munzir Permana\n\n"
        + STORY.format(when="Senin (3/7/2023)")
    )

    assert parsed.authors == ("Alfi Sahrin",)
    assert parsed.editor == "Munzir Permana"


def test_a_stamp_glued_to_the_credits_is_the_stamp_not_part_of_a_name():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        "Alfi Sahrin Editor: Munzir Permana 10 Oct 2023 - 11:08 Takengon\n\n"
        "KBRN, Redelong: Polisi menangkap pencuri motor, Senin (9/10/2023).\n"
    )

    assert parsed.authors == ("Alfi Sahrin",)
    assert parsed.editor == "Munzir Permana"
    assert parsed.published_iso() == "2023-10-10T11:08+07:00"
    assert parsed.dateline_place == "REDELONG"
    assert parsed.body[0].startswith("Polisi menangkap")


def test_a_quote_with_a_colon_is_no_dateline():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKapolres Belu: Situasi aman dan kondusif, Senin (3/7/2023).\n"
    )

    assert parsed.dateline_place is None
    assert parsed.body[0].startswith("Kapolres Belu:")


def test_editor_alone_with_the_name_on_the_next_line():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n"
        "KEFAMENANU, iNewsTTU.id - Polisi menangkap pencuri motor, Senin (3/7/2023).\n"
        "Pelaku kini ditahan.\nEditor\n: Sefnat Besie\n"
    )

    assert parsed.editor == "Sefnat Besie"
    assert parsed.body[-1] == "Pelaku kini ditahan."


def test_a_brand_glued_to_the_next_word_is_split_off():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n"
        "KEFAMENANU, iNewsTTU.idPolres TTU menangkap pencuri motor, Senin (3/7/2023).\n"
    )

    assert parsed.outlet == "inews-ttu"
    assert parsed.dateline_place == "KEFAMENANU"
    assert parsed.body[0].startswith("Polres TTU menangkap")


def test_pos_kupang_without_dot_com_is_the_brand_never_the_place():
    dash_form = _parse(
        "Polisi Tangkap Pencuri Motor\n\nPOS-KUPANG, ATAMBUA - Polisi menangkap pencuri, Senin (3/7/2023).\n"
    )
    space_form = _parse(
        "Polisi Tangkap Pencuri Motor\n\nPOS KUPANG, KUPANG - Polisi menangkap pencuri, Senin (3/7/2023).\n"
    )

    assert (dash_form.outlet, dash_form.dateline_place) == ("pos-kupang", "ATAMBUA")
    assert (space_form.outlet, space_form.dateline_place) == ("pos-kupang", "KUPANG")


def test_a_kompas_dateline_has_no_place():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKOMPAS.com - Polisi menangkap pencuri, Senin (3/7/2023).\n"
    )

    assert parsed.dateline_place is None
    assert parsed.body[0].startswith("Polisi menangkap")


def test_a_place_alone_with_the_dash_on_the_next_line_is_the_dateline():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKupang\n- Polisi menangkap pencuri, Senin (3/7/2023).\n"
    )

    assert parsed.dateline_place == "KUPANG"
    assert parsed.body[0].startswith("Polisi menangkap")


def test_no_leading_dash_is_left_on_the_first_paragraph():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n-Polisi menangkap pencuri, Senin (3/7/2023).\n"
    )

    assert parsed.body[0].startswith("Polisi menangkap")


# --- Baca juga ------------------------------------------------------------------------------


def test_a_baca_juga_label_run_into_the_story_keeps_the_story():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        + STORY.format(when="Senin (3/7/2023)")
        + "\nBaca Juga: Kapolda Tinjau Pos PengamananKapolres mengatakan kasus ini didalami.\n"
        "\nWarga diminta waspada.\n"
    )

    assert parsed.related_headlines == ("Kapolda Tinjau Pos Pengamanan",)
    assert parsed.body[2:] == (
        "Kapolres mengatakan kasus ini didalami.",
        "Warga diminta waspada.",
    )


def test_a_baca_juga_label_run_into_the_story_without_glue_keeps_the_story():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        + STORY.format(when="Senin (3/7/2023)")
        + "\nBaca juga: Kapolda Tinjau Pos di Perbatasan Kapolres mengatakan kasus ini masih didalami.\n"
    )

    assert parsed.related_headlines == ("Kapolda Tinjau Pos di Perbatasan",)
    assert parsed.body[-1] == "Kapolres mengatakan kasus ini masih didalami."


def test_a_plain_baca_juga_headline_is_kept_whole():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\n"
        + STORY.format(when="Senin (3/7/2023)")
        + "\nBaca juga: Kapolda NTT Tinjau Pos Pengamanan di Perbatasan RI-RDTL\n"
    )

    assert parsed.related_headlines == (
        "Kapolda NTT Tinjau Pos Pengamanan di Perbatasan RI-RDTL",
    )


def test_baca_juga_positions_count_the_paragraphs_before_each_link():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nBaca juga: Sebelum Semua\n\n"
        + STORY.format(when="Senin (3/7/2023)")
        + "\nBaca juga: Di Tengah\n\nKapolres mengatakan kasus ini\n\nmasih didalami.\n"
        "\nBaca juga: Di Akhir\n"
    )

    assert parsed.related_headlines == ("Sebelum Semua", "Di Tengah", "Di Akhir")
    assert parsed.related_after == (0, 2, 3)
    assert len(parsed.body) == 3


def test_an_english_stamp_with_at_and_pm_is_read():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nDecember 22, 2025 at 2:05 pm\n\n"
        + STORY.format(when="Senin (22/12)")
    )

    assert parsed.published_iso() == "2025-12-22T14:05+07:00"


def test_an_update_stamp_gives_way_to_the_publication_stamp():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nDiperbarui: 23/03/2023, 09:00 WIB\n"
        "Kompas.com - 21/03/2023, 11:34 WIB\n\n"
        + STORY.format(when="Senin (20/3/2023)")
    )

    assert parsed.published_iso() == "2023-03-21T11:34+07:00"


def test_credits_without_colons_between_pipes_are_read():
    parsed = _parse(
        "Polisi Tangkap Pencuri Motor\n\nKompas.com - 21/03/2023, 11:34 WIB\n"
        "Penulis Sigiranus Marutho Bere | Editor Pythag Kurniati\n\n"
        + STORY.format(when="Senin (20/3/2023)")
    )

    assert parsed.authors == ("Sigiranus Marutho Bere",)
    assert parsed.editor == "Pythag Kurniati"


def test_below_page_chrome_the_headline_is_the_line_beside_the_stamp():
    parsed = _parse(
        "get app\nClose Banner Apps Kompas\nBerita Terpopuler Hari Ini di Kupang dan Sekitarnya\n"
        "Polisi Tangkap Pencuri Motor di Kupang\nSenin, 22 Desember 2025 11:01 WIB\n\n"
        + STORY.format(when="Senin (22/12)")
    )

    assert parsed.title == "Polisi Tangkap Pencuri Motor di Kupang"
    assert parsed.lead is None


def test_a_score_ticker_is_chrome_but_a_time_range_or_a_sentence_is_not():
    assert is_chrome("Persib 2-1 Persija")
    assert is_chrome("FT Arema FC 1 - 1 PSM Makassar")
    assert not is_chrome("Pukul 08 - 10 Wita")
    assert not is_chrome("Skor akhir 2-1 untuk tuan rumah")


def test_a_short_list_at_the_top_of_the_story_is_not_a_menu():
    parsed = _parse(
        "Tiga Polres Terima Penghargaan dari Kapolda NTT\n"
        "Polda NTT memberi penghargaan kepada tiga Polres, Senin (3/7/2023).\n"
        "1. Polres Kupang\n2. Polres Belu\n3. Polres TTU\n"
    )

    assert parsed.body[1:] == ("1. Polres Kupang", "2. Polres Belu", "3. Polres TTU")
