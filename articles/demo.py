"""The demo's archive: two years of stories per outlet, with rubrics, regions, tags,
photos drawn with Pillow (nothing downloaded), outlet wordmarks and some reader views.

Every run makes the same stories (a fixed random seed) and skips what is already there,
so `load_demo` stays idempotent. Photos are drawn and given renditions once, then
shared by the stories that use them.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageChops, ImageDraw, ImageFont

from . import workflow
from .images import make_renditions
from .models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    ArticleViews,
    Author,
    CreditRole,
    Editor,
    EditorRole,
    Outlet,
    Region,
    Rubric,
    Tag,
)

STORIES_PER_OUTLET = 64
ARCHIVE_DAYS = 730
SOURCE_PREFIX = "demo-archive:"


@dataclass(frozen=True)
class Beat:
    """A kind of story: where it is filed, what it is tagged, how it reads."""

    rubric: str
    tags: tuple[str, ...]
    headlines: tuple[str, ...]
    sentences: tuple[str, ...]


BEATS = {
    "kamtibmas": Beat(
        "Kamtibmas",
        ("Kamtibmas", "Patroli"),
        (
            "Polres {place} Gelar Patroli Malam Jelang Akhir Pekan",
            "Warga {place} Aktifkan Kembali Pos Kamling",
            "Polisi Amankan Dua Pemuda Pembawa Senjata Tajam di {place}",
            "Bhabinkamtibmas {place} Sambangi Warga, Dengar Keluhan Soal Pencurian Ternak",
            "Jumat Curhat di {place}, Warga Minta Patroli Ditambah",
        ),
        (
            "Kegiatan itu digelar untuk menjaga situasi tetap aman dan kondusif.",
            "Petugas menyisir sejumlah titik yang dinilai rawan, termasuk pasar dan terminal.",
            "Warga diminta segera melapor jika melihat hal yang mencurigakan di lingkungannya.",
            "Kapolsek setempat mengatakan kerja sama dengan tokoh masyarakat terus diperkuat.",
            "Selama kegiatan berlangsung, situasi dilaporkan aman dan terkendali.",
        ),
    ),
    "lalu-lintas": Beat(
        "Lalu Lintas",
        ("Lalu Lintas", "Keselamatan Jalan"),
        (
            "Operasi Keselamatan di {place}, Pengendara Tanpa Helm Diberi Teguran",
            "Jalan Provinsi di {place} Berlubang, Pengendara Diminta Waspada",
            "Satlantas {place} Bagikan Helm Gratis untuk Pelajar",
            "Kecelakaan di Tikungan {place}, Dua Pengendara Luka Ringan",
        ),
        (
            "Petugas mengutamakan teguran simpatik bagi pelanggar ringan.",
            "Sebagian besar pelanggaran yang ditemukan adalah pengendara tanpa helm.",
            "Polisi mengimbau pengendara memeriksa kondisi kendaraan sebelum bepergian.",
            "Ruas jalan tersebut ramai dilalui kendaraan pengangkut hasil bumi setiap pagi.",
        ),
    ),
    "pemerintahan": Beat(
        "Pemerintahan",
        ("Pemerintahan", "Pelayanan Publik"),
        (
            "Pemkab {place} Buka Layanan Adminduk Keliling di Desa Terpencil",
            "DPRD {place} Bahas Rancangan APBD Tahun Depan",
            "Bupati Minta Kepala Desa di {place} Percepat Penyaluran Dana Desa",
            "Pemkab {place} Salurkan Bantuan Beras untuk Keluarga Prasejahtera",
        ),
        (
            "Program ini menyasar warga yang selama ini kesulitan menjangkau kantor kabupaten.",
            "Kepala dinas menyebutkan anggaran kegiatan bersumber dari APBD.",
            "Pemerintah daerah berjanji mengevaluasi pelaksanaan program setiap triwulan.",
            "Warga menyambut baik layanan tersebut karena menghemat biaya perjalanan.",
        ),
    ),
    "ekonomi": Beat(
        "Ekonomi",
        ("Ekonomi", "UMKM"),
        (
            "Harga Beras di Pasar {place} Naik, Pedagang Minta Operasi Pasar",
            "Penenun Ikat di {place} Mulai Jual Kain Lewat Media Sosial",
            "Petani {place} Mulai Tanam Jagung Saat Hujan Pertama Turun",
            "Pelaku UMKM {place} Ikuti Pelatihan Pengemasan Produk",
        ),
        (
            "Pedagang mengaku pasokan dari luar daerah berkurang dalam dua pekan terakhir.",
            "Dinas terkait akan memantau harga bahan pokok setiap hari di pasar utama.",
            "Kelompok usaha itu kini beranggotakan belasan perempuan dari tiga desa.",
            "Hasil penjualan sebagian disisihkan untuk modal usaha berikutnya.",
        ),
    ),
    "pendidikan": Beat(
        "Pendidikan",
        ("Pendidikan", "Sekolah"),
        (
            "Siswa SD di {place} Belajar di Ruang Kelas Darurat",
            "Guru Honorer di {place} Harap Kejelasan Status",
            "Sekolah di {place} Terima Bantuan Buku Bacaan Anak",
            "Pelajar {place} Juara Lomba Cerdas Cermat Tingkat Provinsi",
        ),
        (
            "Kepala sekolah berharap pemerintah segera membangun ruang kelas baru.",
            "Para siswa tetap bersemangat mengikuti pelajaran meski fasilitas terbatas.",
            "Komite sekolah bersama orang tua ikut membantu perbaikan sederhana.",
            "Dinas pendidikan menyatakan usulan rehabilitasi sudah masuk daftar prioritas.",
        ),
    ),
    "olahraga": Beat(
        "Olahraga",
        ("Olahraga", "Sepak Bola"),
        (
            "Tim Sepak Bola {place} Lolos ke Final Turnamen Antarkecamatan",
            "Lomba Lari Pagi di {place} Diikuti Ratusan Peserta",
            "Atlet Muda {place} Berlatih di Lapangan Seadanya",
        ),
        (
            "Pertandingan berlangsung ketat dan disaksikan ratusan penonton.",
            "Panitia berharap kegiatan serupa digelar rutin setiap tahun.",
            "Pelatih mengatakan timnya akan berlatih lebih keras menjelang laga berikutnya.",
        ),
    ),
    "peristiwa": Beat(
        "Peristiwa",
        ("Bencana", "Cuaca"),
        (
            "Banjir Rendam Puluhan Rumah Warga di {place}",
            "Angin Kencang di {place} Tumbangkan Pohon di Tepi Jalan",
            "Kemarau Panjang, Warga {place} Antre Air Bersih",
            "Relawan Bantu Warga {place} Bersihkan Sisa Banjir",
        ),
        (
            "Tidak ada korban jiwa dalam peristiwa tersebut.",
            "Petugas gabungan membantu warga memindahkan barang ke tempat yang lebih aman.",
            "BPBD setempat mencatat kerugian dan menyalurkan bantuan darurat.",
            "Warga berharap saluran air segera diperbaiki sebelum musim hujan berikutnya.",
        ),
    ),
    "pemilu": Beat(
        "Politik",
        ("Pemilu", "Pilkada"),
        (
            "KPU {place} Rekrut Petugas Pemungutan Suara",
            "Bawaslu {place} Ingatkan Larangan Kampanye di Tempat Ibadah",
            "Partai Politik di {place} Serahkan Berkas Bakal Calon",
        ),
        (
            "Pendaftaran dibuka untuk warga yang memenuhi syarat usia dan pendidikan.",
            "Penyelenggara pemilu mengajak warga ikut mengawasi setiap tahapan.",
            "Aparat keamanan menyatakan siap mengamankan seluruh rangkaian kegiatan.",
        ),
    ),
}

# Each outlet's beats (its rubrics, in menu order) and the places it covers.
OUTLET_DESKS = {
    "tribratanews-ntt": (
        ("kamtibmas", "lalu-lintas", "peristiwa", "pemilu"),
        ("Kota Kupang", "Belu", "Malaka", "Timor Tengah Selatan", "Sikka", "Alor"),
    ),
    "inews-ttu": (
        ("pemerintahan", "pendidikan", "ekonomi", "olahraga"),
        ("Kefamenanu", "Insana", "Biboki", "Miomaffo", "Noemuti", "Wini"),
    ),
    "pos-kupang": (
        ("pemerintahan", "ekonomi", "peristiwa", "pemilu", "olahraga"),
        ("Kota Kupang", "Kabupaten Kupang", "Rote Ndao", "Sabu Raijua", "Belu", "Ende"),
    ),
    "blitar-update": (
        ("kamtibmas", "lalu-lintas", "pendidikan", "peristiwa"),
        ("Kota Blitar", "Kanigoro", "Wlingi", "Srengat", "Kademangan", "Sutojayan"),
    ),
    "beritanasional": (
        ("pemerintahan", "kamtibmas", "ekonomi", "pemilu"),
        ("Sekadau", "Sanggau", "Sintang", "Pontianak", "Ketapang", "Melawi"),
    ),
}
PHOTO_SCENES = 12
PHOTO_SIZE = (1200, 800)


def load_archive(outlet: Outlet, stories: int = STORIES_PER_OUTLET) -> int:
    """Add the outlet's demo archive unless it is already there; returns stories added."""
    if (
        not stories
        or Article.objects.filter(
            outlet=outlet, source_file__startswith=SOURCE_PREFIX
        ).exists()
    ):
        return 0
    beats, places = OUTLET_DESKS[outlet.slug]
    rng = random.Random(outlet.slug)
    rubrics = {
        key: Rubric.objects.get_or_create(
            outlet=outlet,
            slug=slugify(BEATS[key].rubric),
            defaults={"name": BEATS[key].rubric},
        )[0]
        for key in beats
    }
    regions = {
        place: Region.objects.get_or_create(
            outlet=outlet, slug=slugify(place), defaults={"name": place}
        )[0]
        for place in places
    }
    tag_names = {name for key in beats for name in BEATS[key].tags}
    tags = {
        name: Tag.objects.get_or_create(
            outlet=outlet, slug=slugify(name), defaults={"name": name}
        )[0]
        for name in sorted(tag_names)
    }
    staff = {
        m.role: m.editor
        for m in outlet.memberships.select_related("editor").filter(
            role__in=[EditorRole.REPORTER, EditorRole.EDITOR]
        )
    }
    editor: Editor | None = staff.get(EditorRole.EDITOR)
    reporter = staff.get(EditorRole.REPORTER)
    writer = Author.objects.for_name(reporter.credit_name) if reporter else None
    if writer is not None:
        writer.outlets.add(outlet)

    combos = [
        (key, headline, place)
        for key in beats
        for headline in BEATS[key].headlines
        for place in places
    ]
    rng.shuffle(combos)
    now = timezone.now()
    imports = []
    for n, (key, headline, place) in enumerate(combos[:stories]):
        beat = BEATS[key]
        # The newest few within the last day (most read, news sitemap), the rest
        # spread back over two years.
        if n < 6:
            age = timedelta(hours=2 + n * 3, minutes=rng.randrange(60))
        else:
            age = timedelta(days=rng.uniform(1, ARCHIVE_DAYS))
        title = headline.format(place=place)
        sentences = list(beat.sentences)
        rng.shuffle(sentences)
        body = "".join(f"<p>{s}</p>" for s in _paragraphs(title, place, sentences))
        article = Article(
            outlet=outlet,
            title=title,
            slug=slugify(title)[:250],
            lead="",
            body=body,
            rubric=rubrics[key],
            region=regions[place],
            editor=editor,
            dateline_place=place,
            image_caption=f"Ilustrasi: {title}.",
            image_credit=f"Dok. {outlet.brand_label or outlet.name}",
            source_file=f"{SOURCE_PREFIX}{outlet.slug}:{n:03d}",
        )
        imports.append((article, ArticleStatus.PUBLISHED, now - age))
        article.demo_tags = [tags[name] for name in beat.tags]
        article.demo_scene = (n + len(outlet.slug)) % PHOTO_SCENES
    with transaction.atomic():
        articles = workflow.record_imports(imports)
        tag_links = Article.tags.through
        tag_links.objects.bulk_create(
            tag_links(article_id=a.pk, tag_id=t.pk)
            for a in articles
            for t in a.demo_tags
        )
        if writer is not None:
            # Every fifth story is a desk release: nobody credited by name.
            ArticleCredit.objects.bulk_create(
                ArticleCredit(article=a, author=writer, role=CreditRole.WRITER)
                for n, a in enumerate(articles)
                if n % 5
            )
        _attach_photos(outlet, articles)
        _add_views(articles, now, rng)
    return len(articles)


def _paragraphs(title: str, place: str, sentences: list[str]) -> list[str]:
    first, *rest = sentences
    opening = f"Di {place}, {first[0].lower()}{first[1:]}"
    middle = [" ".join(rest[i : i + 2]) for i in range(0, len(rest), 2)]
    closing = "Perkembangan selanjutnya akan terus diberitakan."
    return [opening, *middle, closing]


def _attach_photos(outlet: Outlet, articles: list[Article]) -> None:
    """Draw each scene once for the whole demo, make its renditions once, and share
    the files between the stories (of every outlet) that show it."""
    by_scene: dict[int, list[Article]] = {}
    for article in articles:
        by_scene.setdefault(article.demo_scene, []).append(article)
    for scene, group in by_scene.items():
        name = f"demo-scene-{scene:02d}"
        shown = (
            Article.objects.filter(image__contains=name)
            .exclude(image_renditions=[])
            .first()
        )
        if shown is None:
            shown = group.pop(0)
            shown.image.save(f"{name}.jpg", ContentFile(draw_scene(scene)), save=False)
            Article.objects.filter(pk=shown.pk).update(image=shown.image.name)
            make_renditions(shown)
        Article.objects.filter(pk__in=[a.pk for a in group]).update(
            image=shown.image.name,
            image_renditions=shown.image_renditions,
            image_width=shown.image_width,
            image_height=shown.image_height,
        )


def _add_views(articles: list[Article], now, rng: random.Random) -> None:
    """Some reading in the last week, so "Terpopuler" has something to rank."""
    recent = sorted(articles, key=lambda a: a.published_at, reverse=True)[:12]
    hour = now.replace(minute=0, second=0, microsecond=0)
    buckets = []
    for article in recent:
        for back in rng.sample(range(1, 160), 6):
            at = hour - timedelta(hours=back)
            if at >= article.published_at:
                buckets.append(
                    ArticleViews(article=article, hour=at, count=rng.randrange(5, 400))
                )
    ArticleViews.objects.bulk_create(buckets, ignore_conflicts=True)


def _font(size: int):
    return ImageFont.load_default(size=size)


def draw_scene(scene: int) -> bytes:
    """A simple landscape (sky, sun, hills, road, houses): recognisably a photo slot."""
    rng = random.Random(f"scene-{scene}")
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    top = _rgb(rng.choice(["#5b8fd6", "#7fb2e5", "#f0a46b", "#9cc4e4", "#e6b980"]))
    bottom = _rgb("#f6efe0")
    for y in range(int(height * 0.62)):
        t = y / (height * 0.62)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y = rng.randrange(150, width - 150), rng.randrange(80, 260)
    draw.ellipse([sun_x - 60, sun_y - 60, sun_x + 60, sun_y + 60], fill="#fff4c2")
    greens = ["#4f7d3a", "#6b8f3e", "#3e6b35", "#7a9a4a", "#8a6f3a"]
    for layer in range(3):
        base = int(height * (0.45 + 0.08 * layer))
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randrange(0, 120 - layer * 30)))
        points.append((width, height))
        draw.polygon(points, fill=rng.choice(greens))
    road = _rgb("#5d5d5d")
    draw.polygon(
        [
            (width * 0.42, height * 0.62),
            (width * 0.58, height * 0.62),
            (width * 0.9, height),
            (width * 0.1, height),
        ],
        fill=road,
    )
    for _ in range(rng.randrange(2, 5)):
        hx = rng.randrange(40, width - 200)
        hy = rng.randrange(int(height * 0.6), int(height * 0.8))
        wall = rng.choice(["#f2e2c4", "#e9d3b0", "#d9c2a0", "#f5f0e6"])
        roof = rng.choice(["#9b3d2e", "#7a4b32", "#5a5a5a", "#b5552b"])
        draw.rectangle([hx, hy, hx + 140, hy + 90], fill=wall)
        draw.polygon([(hx - 15, hy), (hx + 70, hy - 60), (hx + 155, hy)], fill=roof)
        draw.rectangle([hx + 55, hy + 40, hx + 85, hy + 90], fill="#4a3526")
    # Texture at every scale, as a camera records it: without it a drawing compresses
    # to a tenth of a real photo's bytes, and pages would seem lighter than they are.
    grain = Image.merge("RGB", [_texture(PHOTO_SIZE, rng) for _ in "RGB"])
    image = ImageChops.add(image, grain, offset=-128)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _texture(size: tuple[int, int], rng: random.Random, amount=0.5) -> Image.Image:
    """Grey noise around 128 at five scales blended evenly (a photo's detail and grain),
    from `rng` so the same scene is drawn the same way every time."""
    texture = None
    for n, step in enumerate((16, 8, 4, 2, 1)):
        width, height = -(-size[0] // step), -(-size[1] // step)
        layer = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        layer = layer.resize(size, Image.Resampling.BICUBIC)
        texture = layer if texture is None else Image.blend(texture, layer, 1 / (n + 1))
    return texture.point(lambda v: min(255, max(0, round(128 + (v - 128) * amount))))


def draw_wordmark(outlet: Outlet) -> bytes:
    """The outlet's name in white on its brand colour (PNG), readable on any page."""
    font = _font(56)
    text = outlet.name.upper() if len(outlet.name) < 14 else outlet.name
    left, top, right, bottom = font.getbbox(text)
    padding = 8
    size = (right - left + 2 * padding + 22, bottom - top + 2 * padding)
    image = Image.new("RGB", size, outlet.primary_colour or "#1f2937")
    draw = ImageDraw.Draw(image)
    accent = outlet.accent_colour or "#ffffff"
    draw.rectangle([0, padding, 10, size[1] - padding], fill=accent)
    draw.text((22 + padding - left, padding - top), text, font=font, fill="white")
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def load_wordmark(outlet: Outlet) -> None:
    """Give the outlet a drawn logo unless it has one."""
    if outlet.logo:
        return
    outlet.logo.save(
        f"logo-{outlet.slug}.png", ContentFile(draw_wordmark(outlet)), save=True
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
