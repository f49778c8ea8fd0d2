"""Readers' pages at archive scale: wrk against each page and a ceiling view, alternated.

    .venv/bin/python bench/site_bench.py                        # SQLite, 100,000 articles
    .venv/bin/python bench/site_bench.py --postgres-url URL     # PostgreSQL (flushed!), then SQLite
    .venv/bin/python bench/site_bench.py --count 10000 --duration 3 --repeat 2 --cache on
    .venv/bin/python bench/site_bench.py --count 10000 --pages search,article

For each database: migrate a fresh one, generate `--count` articles over the five launch
outlets (bulk inserts; the full-text index is kept by the database itself, as for real
writes), collect static files, serve with gunicorn (2 sync workers, DEBUG=false) and run
wrk (16 connections, 127.0.0.1 only) on each page, `--repeat` times, each run preceded by
one on the reference view: with the page cache off (PAGE_CACHE_SECONDS=0) the ceiling
(`/_ceiling/`, a bare view rendering a 20-row template), with it on (600 s, the default
local-memory cache of each worker) a bare `HttpResponse` (`/_bare/`); bench/site_urls.py.
`--cache both` (the default) measures off, then on, on the same database. With the page
cache off each page is followed by its data floor (`/_floor/`, bench/site_floor.py: the
page's data read by the same calls, nothing rendered; `--no-floors` skips them). The
medians go to bench/out/site-report.md.
"""

import argparse
import itertools
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
OUT = REPO / "bench" / "out"
SETTINGS = "bench.site_settings"

# Shares of the archive per outlet: Pos-Kupang is the largest, as in issue 10.
OUTLET_SHARES = {
    "pos-kupang": 30,
    "tribratanews-ntt": 25,
    "inews-ttu": 15,
    "blitar-update": 15,
    "beritanasional": 15,
}
RUBRICS = [
    "Hukum",
    "Politik",
    "Ekonomi",
    "Olahraga",
    "Pendidikan",
    "Kesehatan",
    "Daerah",
    "Nasional",
]
REGIONS = [
    "Kota Kupang",
    "Kabupaten Kupang",
    "Belu",
    "Malaka",
    "Timor Tengah Utara",
    "Timor Tengah Selatan",
    "Alor",
    "Flores Timur",
    "Sikka",
    "Ende",
    "Ngada",
    "Manggarai",
    "Manggarai Barat",
    "Sumba Timur",
    "Sumba Barat",
    "Rote Ndao",
    "Sabu Raijua",
    "Lembata",
    "Blitar",
    "Jakarta",
]
WORDS = [
    "yang",
    "dan",
    "di",
    "ini",
    "itu",
    "dengan",
    "untuk",
    "dari",
    "pada",
    "dalam",
    "tidak",
    "akan",
    "juga",
    "ada",
    "oleh",
    "kepada",
    "telah",
    "sudah",
    "karena",
    "saat",
    "masih",
    "bisa",
    "lebih",
    "para",
    "warga",
    "desa",
    "kota",
    "kabupaten",
    "provinsi",
    "pemerintah",
    "daerah",
    "bupati",
    "gubernur",
    "camat",
    "kepala",
    "dinas",
    "sekolah",
    "guru",
    "siswa",
    "rumah",
    "sakit",
    "dokter",
    "pasien",
    "harga",
    "pasar",
    "beras",
    "jagung",
    "cabai",
    "nelayan",
    "petani",
    "panen",
    "hujan",
    "banjir",
    "jalan",
    "jembatan",
    "listrik",
    "air",
    "bersih",
    "anggaran",
    "dana",
    "bantuan",
    "sosial",
    "program",
    "kegiatan",
    "rapat",
    "sidang",
    "hakim",
    "jaksa",
    "terdakwa",
    "kasus",
    "korupsi",
    "kecelakaan",
    "lalu",
    "lintas",
    "pengendara",
    "motor",
    "mobil",
    "truk",
    "kapal",
    "pelabuhan",
    "bandara",
    "pesawat",
    "wisata",
    "pantai",
    "festival",
    "budaya",
    "adat",
    "gereja",
    "masjid",
    "pemuda",
    "olahraga",
    "sepak",
    "bola",
    "pertandingan",
    "juara",
    "turnamen",
    "musim",
    "kemarau",
    "ternak",
    "sapi",
    "babi",
    "pupuk",
    "sawah",
    "kebun",
    "kopi",
    "kakao",
    "mahasiswa",
    "kampus",
    "universitas",
    "ujian",
    "beasiswa",
    "vaksin",
    "puskesmas",
    "stunting",
    "gizi",
    "ibu",
    "anak",
    "keluarga",
    "pernikahan",
    "pemilu",
    "calon",
    "partai",
    "suara",
    "dewan",
    "anggota",
    "komisi",
    "ketua",
    "wakil",
    "menteri",
    "presiden",
    "kementerian",
    "balai",
    "kantor",
    "pegawai",
    "gaji",
    "perbatasan",
    "timor",
    "leste",
    "tentara",
    "patroli",
    "keamanan",
    "ketertiban",
    "masyarakat",
    "kebakaran",
    "hutan",
    "lahan",
    "gempa",
    "bumi",
    "tsunami",
    "cuaca",
    "angin",
    "gelombang",
    "tinggi",
    "laut",
    "ikan",
    "tangkapan",
    "hasil",
    "penjualan",
    "ekonomi",
    "usaha",
    "kecil",
    "menengah",
    "koperasi",
    "bank",
    "kredit",
    "pinjaman",
    "investasi",
    "pabrik",
]
TERMS = ["polisi", "kapolres", "polsek", "kapolda"]  # the police beat: common words
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "de",
    "di",
    "do",
    "du",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
]


def django_setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def generate(count: int, seed: int = 10) -> None:
    """`count` published articles with credits, tags, rubrics and regions, in bulk."""
    from django.db import connection, transaction
    from django.utils.text import slugify

    from articles.importing.outlets import LAUNCH_OUTLETS, launch_outlet
    from articles.models import (
        Article,
        ArticleCredit,
        ArticleStatus,
        Author,
        Outlet,
        Region,
        Rubric,
        Tag,
        name_key,
    )

    rng = random.Random(seed)
    outlets = Outlet.objects.bulk_create(launch_outlet(s) for s in LAUNCH_OUTLETS)
    rubrics = {
        outlet.pk: Rubric.objects.bulk_create(
            Rubric(outlet=outlet, name=name, slug=slugify(name)) for name in RUBRICS
        )
        for outlet in outlets
    }
    # Regions and tags belong to an outlet: 20 regions and 40 tags each.
    regions = {
        outlet.pk: Region.objects.bulk_create(
            Region(outlet=outlet, name=name, slug=slugify(name)) for name in REGIONS
        )
        for outlet in outlets
    }
    tag_names = sorted(
        {f"{a} {b}" for a, b in zip(WORDS, reversed(WORDS), strict=True)}
    )
    tags = {
        outlet.pk: Tag.objects.bulk_create(
            Tag(outlet=outlet, name=n, slug=slugify(n))
            for n in tag_names[40 * i : 40 * i + 40]
        )
        for i, outlet in enumerate(outlets)
    }
    first = ["Yohanes", "Maria", "Agus", "Siti", "Fransiskus", "Dewi", "Petrus", "Rina"]
    last = ["Bria", "Lake", "Ndun", "Tefa", "Seran", "Manek", "Wadu", "Rihi", "Lay"]
    names = [
        f"{f} {m} {la}" for f in first for la in last for m in ("A.", "B.", "C.", "D.")
    ]
    authors = Author.objects.bulk_create(
        Author(name=n, slug=slugify(n), name_key=name_key(n)) for n in names
    )
    # A long tail of rarer words besides the common ones, as real text has.
    tail = ["".join(rng.choices(SYLLABLES, k=3)) for _ in range(3000)]
    vocabulary = WORDS + tail
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    cumulative = list(itertools.accumulate(weights))
    shares = [OUTLET_SHARES[o.slug] for o in outlets]
    start = datetime(2016, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 11, 1, tzinfo=UTC) - start).total_seconds()

    def sentence(k):
        words = rng.choices(vocabulary, cum_weights=cumulative, k=k)
        if rng.random() < 0.3:
            words[rng.randrange(k)] = rng.choice(TERMS)
        return " ".join(words).capitalize() + "."

    batch_size = 2000
    for offset in range(0, count, batch_size):
        articles = []
        for n in range(offset, min(count, offset + batch_size)):
            outlet = rng.choices(outlets, weights=shares)[0]
            published_at = start + timedelta(seconds=rng.random() * span)
            title = sentence(rng.randint(5, 9)).rstrip(".")
            body = "".join(
                f"<p>{' '.join(sentence(rng.randint(8, 16)) for _ in range(4))}</p>"
                for _ in range(rng.randint(3, 6))
            )
            articles.append(
                Article(
                    outlet=outlet,
                    title=title,
                    slug=f"{slugify(title)[:80]}-{n}",
                    lead=sentence(20) if rng.random() < 0.6 else "",
                    body=body,
                    rubric=rng.choice(rubrics[outlet.pk]),
                    region=rng.choice(regions[outlet.pk]),
                    status=ArticleStatus.PUBLISHED,
                    published_at=published_at,
                    published_on=published_at.astimezone(outlet.zone).date(),
                )
            )
        with transaction.atomic():
            Article.objects.bulk_create(articles)
            ArticleCredit.objects.bulk_create(
                ArticleCredit(article=a, author=author, order=order)
                for a in articles
                for order, author in enumerate(rng.sample(authors, rng.randint(1, 2)))
            )
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article=a, tag=tag)
                for a in articles
                for tag in rng.sample(tags[a.outlet_id], 2)
            )
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )


def facts() -> dict:
    """Each page's address, status, bytes and SQL queries (one request, in process)."""
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    newest = (
        Article.objects.published()
        .filter(outlet__slug="pos-kupang")
        .select_related("outlet")
        .first()
    )
    listed = Article.objects.published().filter(outlet__slug="pos-kupang").count()
    deep = min(500, Paginator(range(listed), 20).num_pages)
    pages = {
        "ceiling": "/_ceiling/",
        "article": newest.get_absolute_url(),
        "outlet home": "/pos-kupang/",
        "rubric list": "/pos-kupang/rubrik/hukum/",
        "RSS feed": "/pos-kupang/feed/",
        "network front page": "/",
        "outlet list, page 1": "/pos-kupang/?page=1",
        f"outlet list, page {deep}": f"/pos-kupang/?page={deep}",
        "search": "/pos-kupang/cari/?q=polisi",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found[name] = {
            "path": path,
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries.captured_queries),
        }
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, check=True, cwd=REPO, **kwargs)


def wrk(url: str, duration: int, connections: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 30,
    ).stdout

    def millis(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": millis("50"),
        "p99": millis("99"),
        "errors": int(errors[1]) if errors else 0,
        "timeouts": int(timeouts[1]) if timeouts else 0,
    }


def drain(base: str) -> None:
    """Wait until the requests wrk left queued are served: the next run starts on an idle
    server (a slow page's backlog would otherwise be charged to the ceiling run after it)."""
    urllib.request.urlopen(f"{base}/_ceiling/", timeout=300).read()


# What each page is compared with: with the page cache off, a bare view rendering a
# 20-row template (the ceiling); with it on, a view returning a fixed HttpResponse.
REFERENCE = {"off": "/_ceiling/", "on": "/_bare/"}


def serve_and_measure(env, reference, paths, args) -> dict:
    """gunicorn (2 sync workers) on a free port; wrk on each page after the reference."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "newsroom.wsgi:application",
        ],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + reference, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer")
        for path in paths.values():  # warm both workers' caches and connections
            wrk(base + path, 1, 4)
            drain(base)
        runs = {"reference": [], **{name: [] for name in paths}}
        for repeat in range(args.repeat):
            for name, path in paths.items():
                runs["reference"].append(
                    wrk(base + reference, args.duration, args.connections)
                )
                drain(base)
                result = wrk(base + path, args.duration, args.connections)
                drain(base)
                result["ceiling"] = runs["reference"][-1]["rps"]
                runs[name].append(result)
                print(
                    f"   {repeat + 1}/{args.repeat} {name}: {result['rps']:.0f} req/s "
                    f"({reference} {result['ceiling']:.0f}), p99 {result['p99']:.0f} ms",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return runs


# A page's data floor (bench/site_floor.py): its data read as its view reads it, no HTML.
FLOOR = ", data only"  # a page's name plus this names its floor


def floor_path(page: dict) -> str:
    return f"/_floor/?{urlencode({'of': page['path'], 'bytes': page['bytes']})}"


def bench_database(label, database_url, args) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DEBUG": "false",
        "SECRET_KEY": "site-bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        # The page cache (articles/pagecache.py) is off while the facts are taken.
        "PAGE_CACHE_SECONDS": "0",
        "PYTHONPATH": str(REPO),
    }
    python = str(VENV_BIN / "python")
    print(f"== {label}: migrate, generate {args.count:,} articles", flush=True)
    run([python, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([python, "manage.py", "flush", "--noinput", "-v0"], env)
    started = time.perf_counter()
    run([python, __file__, "generate", "--count", str(args.count)], env)
    generated = time.perf_counter() - started
    print(f"   generated in {generated:.0f} s", flush=True)
    static = tempfile.mkdtemp(prefix="site-bench-static-")
    env["STATIC_ROOT"] = static
    run([python, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    page_facts = json.loads(
        run([python, __file__, "facts"], env, capture_output=True, text=True).stdout
    )
    pages = [
        name
        for name in page_facts
        if name != "ceiling"
        and (not args.pages or any(p.strip() in name for p in args.pages.split(",")))
    ]
    modes = {}
    try:
        for mode in ["off", "on"] if args.cache == "both" else [args.cache]:
            print(f"   page cache {mode}", flush=True)
            paths = {}
            for name in pages:
                paths[name] = page_facts[name]["path"]
                if mode == "off" and args.floors:
                    paths[name + FLOOR] = floor_path(page_facts[name])
            modes[mode] = serve_and_measure(
                {**env, "PAGE_CACHE_SECONDS": "600" if mode == "on" else "0"},
                REFERENCE[mode],
                paths,
                args,
            )
    finally:
        shutil.rmtree(static, ignore_errors=True)
    return {"facts": page_facts, "modes": modes, "generated_seconds": generated}


def table(label, result, args) -> str:
    rows = [
        f"### {label}, {args.count:,} articles",
        "",
        f"Generated in {result['generated_seconds']:.0f} s "
        f"({args.count / result['generated_seconds']:,.0f} articles/s, index kept by the "
        "database). Medians of the runs; queries and bytes from one request in process.",
    ]
    for mode, runs_by_page in result["modes"].items():
        reference = REFERENCE[mode]
        rows += [
            "",
            f"Page cache **{mode}**; × is each page's requests/s over the `{reference}` "
            "run just before it.",
            "",
            "| page | req/s | × reference | p50 ms | p99 ms | queries | bytes |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, runs in runs_by_page.items():
            page = name.removesuffix(FLOOR)
            facts = result["facts"].get(
                page, {"path": reference, "queries": 0, "bytes": 0}
            )
            if page != name:
                facts = {**facts, "path": "/_floor/"}
            if name == "reference":
                name, ratio, facts = reference, "1.00", {**facts, "path": reference}
            else:
                ratio = statistics.median(
                    r["rps"] / max(r["ceiling"], 0.1) for r in runs
                )
                ratio = f"{ratio:.2f}"
            rps = statistics.median(r["rps"] for r in runs)
            errors = sum(r["errors"] + r["timeouts"] for r in runs)
            note = f" ({errors} errors)" if errors else ""
            rows.append(
                f"| {name} `{facts['path']}` | {rps:,.0f}{note} | {ratio} "
                f"| {statistics.median(r['p50'] for r in runs):.1f} "
                f"| {statistics.median(r['p99'] for r in runs):.1f} "
                f"| {facts['queries'] if name != reference else '—'} "
                f"| {facts['bytes']:,} |"
            )
        deep = [
            n
            for n in runs_by_page
            if n.startswith("outlet list, page ") and not n.endswith(FLOOR)
        ]
        if len(deep) == 2:
            first, last = (
                statistics.median(r["rps"] for r in runs_by_page[n]) for n in deep
            )
            rows += ["", f"{deep[1]} takes {first / last:.2f}× the time of page 1."]
    rows.append("")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", nargs="?", choices=["generate", "facts"])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--cache",
        choices=["off", "on", "both"],
        default="both",
        help="page cache off (against the ceiling), on (against a bare HttpResponse), "
        "or both in turn on the same database (default)",
    )
    parser.add_argument(
        "--pages", help="only pages whose name contains one of these (comma-separated)"
    )
    parser.add_argument(
        "--no-floors",
        dest="floors",
        action="store_false",
        help="with the page cache off, skip each page's data floor (bench/site_floor.py)",
    )
    parser.add_argument("--postgres-url", help="a throwaway database: it is flushed")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if args.step == "generate":
        django_setup(os.environ["DATABASE_URL"])
        generate(args.count)
        return
    if args.step == "facts":
        django_setup(os.environ["DATABASE_URL"])
        print(json.dumps(facts()))
        return
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    OUT.mkdir(exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout.strip()
    sections = [
        f"Site benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, "
        f"wrk {args.connections} connections, {args.duration} s per run, "
        f"{args.repeat} rounds alternating with the ceiling.",
        "",
    ]
    if args.postgres_url:
        result = bench_database("PostgreSQL", args.postgres_url, args)
        sections.append(table("PostgreSQL", result, args))
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="site-bench-") as folder:
            url = f"sqlite:///{folder}/bench.sqlite3"
            result = bench_database("SQLite", url, args)
            sections.append(table("SQLite", result, args))
    report = "\n".join(sections)
    (OUT / "site-report.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
