"""The newsroom's own pages: the masthead (Redaksi) and the default texts an outlet
shows until its editor-in-chief writes its own in the admin."""

from dataclasses import dataclass

from ..models import EditorRole, Membership, Outlet, OutletPageKind

# Masthead order: the chief first, then editors, then reporters.
ROLE_ORDER = {EditorRole.CHIEF: 0, EditorRole.EDITOR: 1, EditorRole.REPORTER: 2}
# Indonesian masthead titles for the roles (the role names in the admin stay English).
ROLE_TITLES = {
    EditorRole.CHIEF: "Pemimpin Redaksi",
    EditorRole.EDITOR: "Redaktur",
    EditorRole.REPORTER: "Wartawan",
}


@dataclass(frozen=True)
class MastheadEntry:
    title: str
    name: str


def masthead(outlet: Outlet) -> list[MastheadEntry]:
    """The outlet's staff who chose to appear on its Redaksi page, chief first."""
    members = (
        Membership.objects.filter(
            outlet=outlet, on_masthead=True, editor__user__is_active=True
        )
        .select_related("editor")
        .order_by("editor__credit_name")
    )
    ordered = sorted(members, key=lambda m: ROLE_ORDER.get(m.role, len(ROLE_ORDER)))
    return [
        MastheadEntry(
            title=m.masthead_title or ROLE_TITLES.get(m.role, m.get_role_display()),
            name=m.editor.credit_name,
        )
        for m in ordered
    ]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of a page's text."""
    blocks = (
        " ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")
    )
    return [block for block in blocks if block]


def default_paragraphs(outlet: Outlet, kind: str) -> list[str]:
    """The project's own short, factual text for a page the outlet has not written."""
    name = outlet.name
    texts = {
        OutletPageKind.ABOUT: [
            f"{name} adalah media siber yang menerbitkan berita di {outlet.brand_label or name}."
            + (f" {outlet.tagline}." if outlet.tagline else ""),
            f"Berita {name} ditulis oleh wartawan dan diperiksa oleh redaktur sebelum "
            "terbit. Ralat dimuat di bawah berita yang diperbaiki.",
        ],
        OutletPageKind.MASTHEAD: [f"Susunan redaksi {name}."],
        OutletPageKind.CONTACT: [
            f"Redaksi {name} menerima informasi, hak jawab dan koreksi atas berita.",
            "Alamat dan nomor kontak redaksi dicantumkan oleh Pemimpin Redaksi di "
            "halaman ini.",
        ],
        OutletPageKind.GUIDELINE: [
            f"{name} berpedoman pada Pedoman Pemberitaan Media Siber yang ditetapkan "
            "oleh Dewan Pers.",
            "Teks resmi pedoman tersebut diterbitkan oleh Dewan Pers. Pemimpin Redaksi "
            f"{name} diminta memuat teks resmi itu di halaman ini melalui admin.",
        ],
        OutletPageKind.DISCLAIMER: [
            f"Berita di {name} menjadi tanggung jawab redaksi {name}.",
            "Tautan ke situs lain disediakan untuk kemudahan pembaca; isinya menjadi "
            "tanggung jawab pengelola situs tersebut.",
            "Koreksi dan hak jawab dapat disampaikan melalui halaman Kontak.",
        ],
    }
    return texts[kind]
