"""Credited names lose ranks, honorifics and degrees; credits split into people."""

import pytest

from articles.importing.names import clean_name
from articles.importing.text import signoff_authors, split_names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("AKBP Mohammad Mukhson, S. H., S. I. K., M. H", "Mohammad Mukhson"),
        ("Irjen Pol. Drs. Johni Asadoma, M.Hum.", "Johni Asadoma"),
        ("Kompol I Made Sudarta, S.H.", "I Made Sudarta"),
        ("Dr. Ir. H. Budi Santoso M.Si", "Budi Santoso"),
        ("IPTU Sudarsono", "Sudarsono"),
        ("Ny. Vera Johni Asadoma", "Vera Johni Asadoma"),
        (" Dionisius  Rebon ", "Dionisius Rebon"),
        ("Sefnat Besie.", "Sefnat Besie"),
    ],
)
def test_clean_name_strips_ranks_honorifics_and_degrees(raw, name):
    assert clean_name(raw) == name


def test_clean_name_of_nothing_is_none():
    assert clean_name("  ") is None


def test_split_names_separates_co_writers():
    assert split_names("Ryan Nong, Irfan Hoi") == ("Ryan Nong", "Irfan Hoi")
    assert split_names("Ryan Nong dan Irfan Hoi") == ("Ryan Nong", "Irfan Hoi")


@pytest.mark.parametrize(
    ("tag", "authors"),
    [
        ("*", ()),
        ("vn", ("vn",)),
        ("Aji/BERNAS", ("Aji",)),
        ("bbr/rey/kompas.com", ()),
        ("R1", ()),
        ("Red/BERNAS", ()),
        ("David Yohanes", ("David Yohanes",)),
    ],
)
def test_signoff_authors(tag, authors):
    assert signoff_authors(tag) == authors
