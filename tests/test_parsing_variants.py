"""Invented fixtures, one per format variant, and the fields each must yield."""

from pathlib import Path

import pytest

from articles.importing import parse
from articles.importing.document import Document
from articles.importing.layout import NO_BODY_ERROR, NO_DATE_ERROR, NO_TITLE_WARNING

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"

# Per fixture: the fields to check. `first`/`last` are the start of body[0] and the end
# of body[-1]; `count` is the number of body paragraphs; `published` is published_iso().
CASES = {
    "tribratanews_title_thrice.txt": {
        "outlet": "tribratanews-ntt",
        "title": "Polres Alor Gelar Patroli Dialogis di Pasar Kadelang",
        "lead": None,
        "dateline_place": None,
        "published": "2023-08-21",
        "authors": ["kr"],
        "first": "Personel Sat Samapta Polres Alor melaksanakan",
        "last": "kata Iptu Markus Lalang.",
        "count": 3,
    },
    "tribratanews_caption_first.txt": {
        "outlet": "tribratanews-ntt",
        "title": "Kapolda NTT Tinjau Kesiapan Pengamanan Pemilu di Kabupaten Kupang",
        "photo_credit": "Humas Polda NTT",
        "published": "2018-11-15",
        "first": "Kapolda NTT Irjen Pol. Drs. Raja Ampat, M.Hum., meninjau",
        "last": "tegas Kapolda.",
        "count": 4,
    },
    "tribratanews_lead_and_caption.txt": {
        "outlet": "tribratanews-ntt",
        "title": "Aparat Gabungan Gelar Patroli Malam di Kefamenanu",
        "lead": "Patroli menyasar titik rawan kriminalitas di pusat kota.",
        "photo_credit": "Dok. Humas",
        "published": "2025-09-02",
        "first": "Aparat gabungan TNI, Polri dan Satpol PP",
        "count": 3,
    },
    "tribratanews_no_date.txt": {
        "outlet": "tribratanews-ntt",
        "title": "RAZIA MIRAS DIGELAR , POLDA NTT AJAK WARGA JAUHI MABUK",
        "published": None,
        "error": NO_DATE_ERROR,
        "count": 3,
    },
    "inews_star_byline_amp.txt": {
        "outlet": "inews-ttu",
        "title": "Polres TTU Siagakan Personel Jaga Perbatasan",
        "authors": ["Yoseph Kali"],
        "editor": "Maria Goreti",
        "photo_credit": "istimewa",
        "dateline_place": "KEFAMENANU",
        "published": "2023-05-22",
        "first": "Polres Timor Tengah Utara menyiagakan",
        "last": ',"terang Kapolres.',
        "count": 3,
    },
    "kltv_inews_mention.txt": {
        "outlet": "unknown",
        "title": "“Jumat Curhat” Polres TTS Dengarkan Keluhan Warga",
        "dateline_place": "SOE",
        "published": "2024-08-23",
        "first": "Polres Timor Tengah Selatan menggelar",
        "count": 3,
    },
    "pos_kupang_full_header.txt": {
        "outlet": "pos-kupang",
        "rubric": "Berita Kota Kupang",
        "title": "Lipsus - Polisi Bongkar Gudang Minyak Tanah Ilegal di Oesapa",
        "lead": "Polisi menyita ratusan jeriken minyak tanah dari sebuah gudang tanpa izin.",
        "authors": ["Maria Selan"],
        "editor": "Yohanes Bolen",
        "reporter": "Oby Lewanmeru",
        "photo_credit": "POS-KUPANG.COM/OBY LEWANMERU",
        "dateline_place": "KUPANG",
        "published": "2025-09-04",
        "related_headlines": [
            "Harga Minyak Tanah di Kupang Melonjak",
            "Berita Kota Kupang Hari Ini: Warga Antre Minyak Tanah",
        ],
        "first": "Aparat Polresta Kupang Kota membongkar",
        "last": "ditangani Satreskrim Polresta Kupang Kota.",
        "count": 4,
    },
    "pos_kupang_page_two.txt": {
        "outlet": "unknown",
        "rubric": "Desa Tuapukan Mencekam",
        "title": "Polisi Amankan 13 Pemuda Usai Bentrok di Tuapukan",
        "lead": "Sebanyak 13 pemuda diamankan polisi setelah bentrokan antarkelompok di Desa Tuapukan.",
        "editor": "Kanis Jehola",
        "photo_credit": "AFP",
        "dateline_place": None,
        "published": "2017-01-13",
        "first": "Ketiga belas pemuda itu",
        "count": 3,
    },
    "pos_kupang_lead_equals_title.txt": {
        "outlet": "pos-kupang",
        "rubric": "Kuliner NTT",
        "title": "Bupati Kupang Makan Nasi Putih di Rumah Makan Padang",
        "lead": None,
        "authors": ["Thomas Nulangi"],
        "editor": "Thomas Nulangi",
        "reporter": "Tommy Nulangi",
        "dateline_place": "KUPANG",
        "published": "2024-08-26",
        "last": "senang dikunjungi bupati.",
        "count": 3,
    },
    "tribun_pontianak_unknown.txt": {
        "outlet": "unknown",
        "rubric": "Berita Pontianak Terkini",
        "authors": ["Ridho Panji"],
        "editor": "Dian Lestari",
        "reporter": "Ridho Panji",
        "photo_credit": "TRIBUNPONTIANAK.CO.ID/ANESH VIDUKA",
        "dateline_place": "PONTIANAK",
        "published": "2019-09-30",
        "count": 3,
    },
    "grid_melansir_unknown.txt": {
        "outlet": "unknown",
        "title": "Kericuhan di Kupang, Polisi Selidiki Pemicunya",
        "authors": ["Siti Rahmawati"],
        "published": "2023-04-20T13:00+07:00",
        "first": "Melansir POS-KUPANG.COM, kericuhan",
        "count": 3,
    },
    "blitar_update_split_sentence.txt": {
        "outlet": "blitar-update",
        "title": "Polres Blitar Gelar Bakti Sosial di Lereng Kelud",
        "authors": ["Rina Kartika"],
        "dateline_place": "BLITAR",
        "published": "2024-08-10T19:05+07:00",
        "first": "Polres Blitar menggelar bakti sosial",
        "last": "layanan kesehatan gratis.",
        "count": 3,
    },
    "blitar_kota_wordpress.txt": {
        "outlet": "unknown",
        "authors": ["Novi"],
        "dateline_place": "KOTA BLITAR",
        "published": "2023-01-06",
        "last": "tempat balap liar.",
        "count": 2,
    },
    "blitar_mph_alone.txt": {
        "outlet": "unknown",
        "dateline_place": "BLITAR",
        "published": "2025-09-17",
        "authors": ["sut"],
        "first": "Polres Blitar menggelar program Kopling",
        "last": "sepanjang 2025.",
        "count": 2,
    },
    "beritanasional_sanggau.txt": {
        "outlet": "beritanasional",
        "region": "Kalimantan Barat",
        "rubric": None,
        "authors": ["Yan"],
        "dateline_place": "SANGGAU",
        "published": "2025-07-03",
        "last": "hingga pergantian tahun.",
        "count": 3,
    },
    "bernas_signoff_only.txt": {
        "outlet": "beritanasional",
        "region": None,
        "authors": ["Aji"],
        "dateline_place": "SEKADAU",
        "published": "2023-10-27",
        "count": 3,
    },
    "detik_kupang_alone.txt": {
        "outlet": "unknown",
        "title": "Polda NTT Bangun Polres Baru di Sumba Tengah",
        "authors": ["Yohana Bria"],
        "photo_credit": "Dok. Polda NTT",
        "dateline_place": "KUPANG",
        "published": "2025-08-09T20:20+08:00",
        "first": "Polda NTT akan membangun",
        "last": "rampung dalam dua tahun.",
        "count": 2,
    },
    "tiraskita_stamp.txt": {
        "outlet": "unknown",
        "title": "Terjadi Keributan di Kupang, Polisi Turun Tangan",
        "authors": ["Arif Hulu"],
        "dateline_place": "KUPANG",
        "published": "2020-10-04T16:14+07:00",
        "first": "Keributan terjadi di salah satu kelurahan",
        "count": 3,
    },
    "transkapuas_stamp.txt": {
        "outlet": "unknown",
        "dateline_place": "SEKADAU",
        "published": "2025-11-26T21:06+07:00",
        "count": 2,
    },
    "antara_no_date.txt": {
        "outlet": "unknown",
        "dateline_place": "BLITAR",
        "published": None,
        "error": NO_DATE_ERROR,
        "count": 2,
    },
    "tatoli_dateline_date.txt": {
        "outlet": "unknown",
        "dateline_place": "DILI",
        "published": "2021-08-10",
        "editor": "Zevonia Vieira",
        "reporter": "Natalino Ximenes",
        "first": "Kepolisian Resor Belu menangkap",
        "last": "proses deportasi.",
        "count": 2,
    },
    "pikiran_rakyat_haibandung.txt": {
        "outlet": "unknown",
        "title": "Kupang Mencekam, Mobil Polisi Dibakar Massa",
        "dateline_place": None,
        "published": "2023-04-20T14:05+07:00",
        "editor": "Dewi Kartika",
        "related_headlines": ["Polisi Buru Provokator Kericuhan Kupang"],
        "first": "Suasana di Kota Kupang mencekam",
        "count": 2,
    },
    "kapuasraya_dateline_alone.txt": {
        "outlet": "unknown",
        "dateline_place": "SEKADAU",
        "published": "2024-12-03",
        "authors": ["darno"],
        "first": "Polres Sekadau menerjunkan 190 personel",
        "count": 2,
    },
    "sanggau_hard_wrapped.txt": {
        "outlet": "unknown",
        "dateline_place": "SANGGAU",
        "published": "2018-02-07",
        "authors": ["Ferry Efendi"],
        "first": "Kapolda Kalbar melakukan kunjungan kerja ke Polsek Batang Tarang, pada Rabu (7/2/2018) siang.",
        "count": 3,
    },
    "delikcom_baca_juga.txt": {
        "outlet": "unknown",
        "dateline_place": "SEKADAU",
        "published": "2025-10-06",
        "related_headlines": [
            "Polisi Sita Mesin Dompeng di Belitang",
            "Napak Tilas Pahlawan di Sekadau",
        ],
        "first": "Satreskrim Polres Sekadau menggelar patroli",
        "count": 3,
    },
    "kupangkota_date_range.txt": {
        "outlet": "unknown",
        "dateline_place": None,
        "published": "2025-09-06",
        "count": 2,
    },
    "belu_two_digit_year.txt": {
        "outlet": "unknown",
        "published": "2016-01-16",
        "first": "Polres Belu kembali menggelar razia",
        "count": 2,
    },
    "kupangkota_written_date.txt": {
        "outlet": "unknown",
        "published": "2022-12-09",
        "first": "Pada hari Jumat tanggal 9 Desember 2022",
        "count": 2,
    },
    "title_only.txt": {
        "title": "Polisi Gelar Operasi Zebra di Kupang",
        "error": NO_BODY_ERROR,
        "count": 0,
    },
    "cp1252_quotes.txt": {
        "title": "Warga Kupang Sambut Baik Patroli Malam",
        "dateline_place": "KUPANG",
        "published": "2023-07-03",
        "last": "“Kami merasa aman,” kata Ketua RT setempat.",
        "count": 2,
    },
    "memorandum_caption_glued.txt": {
        "outlet": "unknown",
        "photo_credit": "Memorandum",
        "dateline_place": "BLITAR",
        "published": "2023-03-16",
        "authors": ["iku"],
        "first": "Kamis (16/3/2023) pukul 09.00 Polres Blitar Kota",
        "last": "peredaran minuman keras.",
        "count": 2,
    },
    "posted_by_date_line.txt": {
        "lead": None,
        "dateline_place": "POLRES MELAWI",
        "published": "2020-04-04",
        "count": 2,
    },
    "tribun_jatim_name_signoff.txt": {
        "outlet": "unknown",
        "authors": ["Aflahul Abidin", "David Yohanes"],
        "editor": "Yoni Iskandar",
        "photo_credit": "TRIBUNJATIM.COM/DAVID YOHANES",
        "dateline_place": "TULUNGAGUNG",
        "published": "2018-02-07",
        "related_headlines": ["Kampanye Hitam Marak di Media Sosial"],
        "last": "oleh tim khusus.",
        "count": 2,
    },
    "lintas_headline_list.txt": {
        "photo_credit": "Gamaliel",
        "dateline_place": "KUPANG",
        "authors": ["mi"],
        "first": "Sebanyak 3.000 personel",
        "last": "di 200 gereja.",
        "count": 2,
    },
    "penatimor_code_signoff.txt": {
        "authors": [],
        "dateline_place": "KUPANG",
        "published": "2018-05-14",
        "last": "diminta tetap tenang.",
        "count": 2,
    },
    "idn_summary_bullets.txt": {
        "title": "143 Terduga Penyerang Mapolres Blitar Kota Ditangkap",
        "lead": None,
        "dateline_place": "BLITAR",
        "published": "2025-08-31",
        "first": "Polres Blitar Kota menangkap",
        "count": 2,
    },
    "gerbang_dateline_next_line.txt": {
        "dateline_place": "ATAMBUA",
        "published": "2024-06-05",
        "first": "Warga perbatasan di Kabupaten Belu",
        "count": 2,
    },
    "spektrum_double_pipe.txt": {
        "dateline_place": None,
        "published": "2025-09-25",
        "first": "Kapolres TTS mengungkap",
        "count": 2,
    },
    "nav_junk_header.txt": {
        "title": "Polisi Bantu Warga Terdampak Banjir di Oesapa",
        "rubric": None,
        "lead": None,
        "dateline_place": "KUPANG",
        "published": "2024-01-06",
        "last": "makanan siap saji.",
        "count": 2,
    },
    "indokalbar_body_caption_name_signoff.txt": {
        "dateline_place": "SEKADAU",
        "published": "2023-10-24",
        "authors": ["ARNI LINTANG"],
        "last": "langsung kepada warga.",
        "count": 2,
    },
    "labelled_credits_pipe.txt": {
        "title": "Warga Antusias Ikuti Vaksinasi Massal di Atambua",
        "reporter": "Yosef Bria",
        "editor": "Melki Tefa",
        "authors": ["Yosef Bria"],
        "dateline_place": "ATAMBUA",
        "published": "2021-09-04",
        "count": 2,
    },
    "pos_kupang_caption_after_byline.txt": {
        "outlet": "pos-kupang",
        "rubric": "Berita TTU Terkini",
        "lead": None,
        "authors": ["Thomas Mbenu Nulangi"],
        "editor": "Kanis Jehola",
        "reporter": "Tommy Mbenu Nulangi",
        "photo_credit": "istimewa",
        "dateline_place": "KEFAMENANU",
        "published": "2020-12-31",
        "first": "Aparat gabungan TNI, Polri",
        "count": 2,
    },
    "pos_kupang_partial_stamp_year_slip.txt": {
        "outlet": "pos-kupang",
        "rubric": "28 Tahun Pos Kupang",
        "lead": "Pos Kupang diharapkan terus menjadi obor edukasi bagi masyarakat.",
        "authors": ["Eflin Rote"],
        "editor": "Edi Hayong",
        "reporter": "Eflin Rote",
        "dateline_place": "LARANTUKA",
        "published": "2021-12-01",
        "first": "Harian Pos Kupang genap",
        "count": 2,
    },
}

LIST_FIELDS = {"authors", "related_headlines"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_yields_its_expected_fields(name):
    parsed = parse((FIXTURES / name).read_bytes())
    expected = CASES[name]

    for field, value in expected.items():
        if field == "published":
            assert parsed.published_iso() == value
        elif field == "first":
            assert parsed.body[0].startswith(value), parsed.body[0]
        elif field == "last":
            assert parsed.body[-1].endswith(value), parsed.body[-1]
        elif field == "count":
            assert len(parsed.body) == value, parsed.body
        elif field in LIST_FIELDS:
            assert list(getattr(parsed, field)) == value, field
        else:
            assert getattr(parsed, field) == value, field
    if "error" not in expected:
        assert parsed.error is None


def test_body_never_holds_header_or_trailer_lines():
    parsed = parse((FIXTURES / "pos_kupang_full_header.txt").read_bytes())

    text = "\n".join(parsed.body)
    for junk in (
        "Penulis",
        "Laporan",
        "Baca",
        "Ikuti Berita",
        "©",
        "(bbr",
        "POS-KUPANG.COM |",
    ):
        assert junk not in text


def test_nbsp_only_lines_are_blank_and_nbsp_becomes_space():
    parsed = parse((FIXTURES / "tribratanews_title_thrice.txt").read_bytes())

    assert all("\u00a0" not in paragraph for paragraph in parsed.body)
    assert len(parsed.body) == 3


def test_empty_file_is_an_error():
    parsed = parse((FIXTURES / "empty.txt").read_bytes())

    assert parsed.error and "empty" in parsed.error
    assert parsed.body == ()


def test_whitespace_only_file_is_an_empty_file_error():
    parsed = parse((FIXTURES / "whitespace_only.txt").read_bytes())

    assert parsed.error and "empty" in parsed.error


def test_binary_file_is_an_error_not_a_fallback_decode():
    parsed = parse((FIXTURES / "binary.bin").read_bytes())

    assert parsed.error and "binary" in parsed.error
    assert parsed.title is None
    assert not any("cp1252" in warning for warning in parsed.warnings)


def test_cp1252_file_falls_back_with_a_warning():
    parsed = parse((FIXTURES / "cp1252_quotes.txt").read_bytes())

    assert any("cp1252" in warning for warning in parsed.warnings)


def test_utf8_file_has_no_encoding_warning():
    parsed = parse((FIXTURES / "tribratanews_caption_first.txt").read_bytes())

    assert not any("cp1252" in warning for warning in parsed.warnings)


def test_missing_title_is_a_warning_not_an_error():
    parsed = parse(
        b"SOE, iNewsTTU.id-Polisi berpatroli di pasar, Senin (3/7/2023).\nWarga merasa aman."
    )

    assert parsed.title is None
    assert NO_TITLE_WARNING in parsed.warnings
    assert parsed.error is None


def test_title_with_no_body_still_reports_the_title():
    parsed = parse((FIXTURES / "title_only.txt").read_bytes())

    assert parsed.error == NO_BODY_ERROR
    assert parsed.title == "Polisi Gelar Operasi Zebra di Kupang"


def test_yearless_date_warns_that_the_year_was_inferred():
    parsed = parse((FIXTURES / "tribratanews_title_thrice.txt").read_bytes())

    assert any("Year inferred" in warning for warning in parsed.warnings)


def _variants(raw: bytes) -> list[bytes]:
    unix = raw.replace(b"\r\n", b"\n")
    return [
        unix,
        unix.replace(b"\n", b"\r\n"),
        unix.replace(b"\n", b"\r"),
        b"\xef\xbb\xbf" + unix,
        b"\xef\xbb\xbf" + unix.replace(b"\n", b"\r\n"),
        unix.replace(b"\n\n", b"\n \xc2\xa0 \n") + b"\n\n",
        b"\n\n" + unix.replace(b". ", b".  "),
    ]


@pytest.mark.parametrize(
    "name", ["tribratanews_no_date.txt", "blitar_update_split_sentence.txt"]
)
def test_whitespace_and_line_ending_variants_hash_equal(name):
    raw = (FIXTURES / name).read_bytes()
    hashes = {parse(variant).content_hash for variant in _variants(raw)}

    assert len(hashes) == 1
    assert hashes != {""}


@pytest.mark.parametrize(
    "name", ["pos_kupang_full_header.txt", "blitar_update_split_sentence.txt"]
)
def test_line_ending_variants_parse_alike(name):
    raw = (FIXTURES / name).read_bytes()
    results = {parse(variant).body for variant in _variants(raw)[:5]}

    assert len(results) == 1


def test_different_articles_hash_differently():
    one = parse((FIXTURES / "tribratanews_no_date.txt").read_bytes())
    two = parse((FIXTURES / "antara_no_date.txt").read_bytes())

    assert one.content_hash != two.content_hash


def test_document_splits_mixed_line_endings():
    doc = Document.from_bytes(b"a\r\nb\rc\nd")

    assert doc.lines == ("a", "b", "c", "d")


def test_document_treats_control_bytes_as_binary_before_fallback():
    doc = Document.from_bytes(b"caf\xe9 \x07")

    assert doc.error and "binary" in doc.error
