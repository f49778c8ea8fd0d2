"""The new pages with photos pass the W3C Nu validator and axe-core (serious, critical)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.images import make_renditions
from articles.models import ArticleCredit, CreditRole, EditorRole, OutletStyle
from articles.site import portal
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)
from tests.quality import axe_violations, nu_errors_many, require_nu

pytestmark = pytest.mark.django_db(transaction=True)


def _jpeg(colour) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue())


def _png(colour) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (300, 60), colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def site():
    """An outlet with a logo, rubrics, photos, tags, views and staff on its masthead."""
    outlet = make_outlet(
        name="Pos-Kupang",
        slug="pos-kupang",
        style=OutletStyle.POS_KUPANG,
        brand_label="POS-KUPANG.COM",
        tagline="Berita Kupang dan NTT Terkini",
    )
    outlet.logo.save("logo.png", _png("#00457c"), save=True)
    rubrics = [make_rubric(outlet, name) for name in ("Hukum", "Ekonomi")]
    region, tag = make_region(outlet, "Belu"), make_tag(outlet, "Pilkada")
    writer = make_author("Lodovikus Lasi")
    chief = make_editor(outlet, EditorRole.CHIEF, credit_name="Benediktus Tefa")
    chief.memberships.update(on_masthead=True)
    now = timezone.now()
    articles = []
    for n in range(24):
        article = make_article(
            outlet,
            title=f"Berita bergambar nomor {n}",
            body="<p>Paragraf pertama berita.</p><p>Paragraf kedua berita.</p>",
            rubric=rubrics[n % 2],
            region=region,
            tags=[tag],
            authors=[writer] if n % 3 else [],
            published_at=now - timedelta(hours=n * 5 + 1),
            image_caption=f"Suasana lokasi berita {n}.",
            image_credit="Dok. POS-KUPANG.COM",
        )
        if n < 8:
            article.image.save(f"foto-{n}.jpg", _jpeg("#336699"), save=True)
            make_renditions(article)
        portal.count_view(article.pk, at=now - timedelta(hours=n))
        articles.append(article)
    ArticleCredit.objects.create(
        article=articles[1], author=writer, role=CreditRole.REPORTER, order=1
    )
    articles[0].related.set([articles[2]])
    lead = articles[0]
    return [
        "/",
        "/pos-kupang/",
        "/pos-kupang/?page=2",
        "/pos-kupang/rubrik/hukum/",
        f"/pos-kupang/tag/{tag.slug}/",
        "/pos-kupang/cari/?q=berita",
        lead.get_absolute_url(),
        articles[1].get_absolute_url(),
        "/pos-kupang/redaksi/",
        "/pos-kupang/pedoman-media-siber/",
    ]


def test_the_new_pages_pass_the_nu_validator(client, site):
    require_nu()
    pages = {}
    for path in site:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.text

    errors = nu_errors_many(pages)

    assert errors == {path: [] for path in site}


@pytest.mark.browser
def test_the_new_pages_have_no_serious_axe_violations(live_server, site, browser):
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="id-ID")
    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for page in (phone, desktop):
        for path in site:
            page.goto(live_server.url + path)
            violations = axe_violations(page)
            if violations:
                found[f"{page.viewport_size['width']}px {path}"] = violations

    assert found == {}
