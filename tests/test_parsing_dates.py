"""Date helpers: Indonesian date forms, stamps, zones and year inference."""

from datetime import date, timedelta

import pytest

from articles.importing.dates import (
    find_dates,
    find_stamp,
    find_zone,
    infer_year,
    normalise_year,
    stamp_datetime,
    weekday_number,
    years_in_source,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kata dia, Kamis (20/7/2023) malam.", (20, 7, 2023)),
        ("Kamis ( 15/11/2018).", (15, 11, 2018)),
        ("selasa (12/9/17) pagi pukul 09.00 wita", (12, 9, 2017)),
        ("Senin, (22/05/2023).", (22, 5, 2023)),
        ("Jum’at (20/10/2023).", (20, 10, 2023)),
        ("Jum'at (20/10/2023).", (20, 10, 2023)),
        ("pada Minggu, 03 Desember 2023.", (3, 12, 2023)),
        ("Jumat 23 Agustus 2024 lalu", (23, 8, 2024)),
        ("Pada hari Jumat tanggal 9 Desember 2022, pukul 20.00", (9, 12, 2022)),
        ("Kamis, 25/09/2025", (25, 9, 2025)),
        ("(Sabtu—Minggu, 6--7/9/2025)", (6, 9, 2025)),
        ("Selasa (3/12) 2024.", (3, 12, 2024)),
        ("Sabtu, 10 Agu 2024", (10, 8, 2024)),
        ("Rabu, 1 Okt 2025", (1, 10, 2025)),
        ("foto diambil (24/10/23).", (24, 10, 2023)),
    ],
)
def test_body_date_forms_are_read(text, expected):
    (mention, *_) = find_dates(text)

    assert (mention.day, mention.month, mention.year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "razia digelar sejak 21 Maret 2016.",  # no weekday: an event, not a dateline date
        "acara pada 27 November 2024 nanti",
        "sebanyak (3/4) personel",  # no weekday, no year
        "kata dia di Blitar, Rabu.",
        "Senin (12//2021)",
    ],
)
def test_non_publication_dates_are_not_read(text):
    assert find_dates(text) == []


def test_yearless_date_keeps_no_year():
    (mention,) = find_dates("Senin pagi (21/8) di Kupang")

    assert (mention.day, mention.month, mention.year, mention.weekday) == (
        21,
        8,
        None,
        0,
    )


def test_three_digit_year_typo_is_treated_as_missing():
    (mention,) = find_dates("Sabtu (9/8/225)")

    assert mention.year is None


@pytest.mark.parametrize(
    ("raw", "year"), [("17", 2017), ("2023", 2023), ("225", None), ("209", None)]
)
def test_years_normalise(raw, year):
    assert normalise_year(raw) == year


def test_weekday_names_include_jumat_spellings():
    assert (
        weekday_number("Jum’at")
        == weekday_number("Jum'at")
        == weekday_number("JUMAT")
        == 4
    )


IMPORTED = date(2026, 11, 29)


def test_year_inference_prefers_the_candidate_matching_the_weekday():
    # 8 June was a Thursday (Kamis) in 2023, not in 2024.
    assert infer_year(8, 6, 3, [2024, 2023], latest=IMPORTED) == 2023


def test_year_inference_takes_the_stated_year_when_weekday_agrees():
    assert infer_year(21, 8, 0, [2023], latest=IMPORTED) == 2023


def test_year_inference_crosses_new_year_for_a_december_date():
    # 31 Dec 2019 was a Tuesday (Selasa); the article only states 2020.
    assert infer_year(31, 12, 1, [2020], latest=IMPORTED) == 2019


def test_year_inference_never_takes_a_fitting_weekday_as_evidence():
    # Kamis (19/11) fits 2015, 2020 and 2026: without a stated year there is none.
    assert infer_year(19, 11, 3, [], latest=IMPORTED) is None


def test_year_inference_without_weekday_or_candidates_gives_up():
    assert infer_year(17, 9, None, [], latest=IMPORTED) is None


def test_year_inference_never_gives_a_date_after_the_import():
    # 19 Nov 2026 is a Thursday, but the import ran on 18 Nov 2026.
    assert infer_year(19, 11, 3, [2026], latest=date(2026, 11, 18)) is None
    assert infer_year(19, 11, 3, [2026, 2020], latest=date(2026, 11, 18)) == 2020


def test_a_year_merely_stated_in_the_text_must_fit_the_weekday():
    # 19 Nov 2000 was a Sunday: `sebanyak 2000 personel` is no year for a Kamis.
    assert infer_year(19, 11, 3, [2000], latest=IMPORTED) is None
    assert infer_year(19, 11, None, [2000], latest=IMPORTED) == 2000


def test_a_trusted_year_stands_even_when_the_weekday_disagrees():
    # The URL says 2021; 19 Nov 2021 was a Friday, yet the printed weekday slipped.
    assert infer_year(19, 11, 3, [], latest=IMPORTED, trusted=[2021]) == 2021


def test_a_neighbouring_year_only_across_new_year():
    # 8 June 2022 was a Wednesday (Rabu), but a June date never crosses New Year.
    assert infer_year(8, 6, 2, [2023], latest=IMPORTED) is None


def test_source_years_come_from_separated_digits_only():
    assert years_in_source("https://x.com/2020/11/19/polisi-patroli") == [2020]
    assert years_in_source("berita_2017-03-02.txt") == [2017]
    assert years_in_source("001_0c5692020f4138.txt") == []
    assert years_in_source(None) == []


@pytest.mark.parametrize(
    ("line", "iso", "zone"),
    [
        ("Jun 9, 2023 - 10:14", "2023-06-09 10:14", None),
        ("Sabtu, 10 Agu 2024 19:05 WIB", "2024-08-10 19:05", "WIB"),
        ("Minggu, 04 Oktober 2020 - 16:14:22 WIB", "2020-10-04 16:14", "WIB"),
        (
            "Rabu, 26 November 2025 | 21.06.00 WIB Last Updated 2025-11-26T14:06:50Z",
            "2025-11-26 21:06",
            "WIB",
        ),
        ("- 20 April 2023, 14:05 Wita", "2023-04-20 14:05", "WITA"),
        ("Siti Rahmawati - Kamis, 20 April 2023 | 13:00", "2023-04-20 13:00", None),
        ("Senin, 5 Mei 2025 08:00 WIT", "2025-05-05 08:00", "WIT"),
    ],
)
def test_stamps_read_date_time_and_zone(line, iso, zone):
    stamp = find_stamp(line)

    assert f"{stamp.day} {stamp.hour:02d}:{stamp.minute:02d}" == iso
    assert stamp.zone == zone


def test_a_date_without_time_is_no_stamp():
    assert find_stamp("Jum'at, 26 April 2024") is None


@pytest.mark.parametrize(("zone", "hours"), [("WIB", 7), ("WITA", 8), ("WIT", 9)])
def test_stamp_without_zone_takes_the_default_zone(zone, hours):
    moment = stamp_datetime(find_stamp("Jun 9, 2023 - 10:14"), zone)

    assert moment.utcoffset() == timedelta(hours=hours)


def test_stamp_zone_beats_the_default_zone():
    moment = stamp_datetime(find_stamp("Sabtu, 09 Agu 2025 20:20 WITA"), "WIB")

    assert moment.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("pukul 09.00 wita", "WITA"),
        ("14.00 WIBdi Blitar", "WIB"),
        ("pukul 10.00 WIT.", "WIT"),
        ("tanpa zona", None),
    ],
)
def test_zone_named_in_text(text, zone):
    assert find_zone(text) == zone
