#!/usr/bin/env python3
"""Import benchmark: articles per second and peak memory of `manage.py import_articles`.

    python bench/import_bench.py [--count 20000] [--postgres-url URL]

Generates COUNT articles in the five outlet styles from bench/templates/*.txt (every
article's placeholders differ, so every content hash differs), writes them one by one to a
temporary folder, then for each database imports the first 1,000 and then all COUNT into a
fresh, migrated database, each import in its own process. It prints a Markdown table and
writes it to bench/out/report.md. PostgreSQL runs when --postgres-url or BENCH_POSTGRES_URL
names a database the benchmark may empty (it is flushed before each import). The table
names the server's durability settings (fsync, synchronous_commit, full_page_writes):
`make bench` runs a cluster with PostgreSQL's durable defaults, as in production.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from string import Template

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
OUT = Path(__file__).resolve().parent / "out"
PER_FOLDER = 1000
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
MON_ABBR = [date(2025, m, 1).strftime("%b") for m in range(1, 13)]
PLACES = ["KUPANG", "KEFAMENANU", "ATAMBUA", "SOE", "BETUN", "LARANTUKA", "ENDE"]
ACTIVITIES = [
    "patroli dialogis",
    "Jumat Curhat",
    "bakti sosial",
    "razia kendaraan",
    "sambang desa",
    "operasi kamtibmas",
    "sosialisasi keselamatan berlalu lintas",
]
EVENTS = ["Natal dan Tahun Baru", "Idul Fitri", "Pilkada", "musim liburan", "HUT RI"]
RUBRICS = ["Berita Kota Kupang", "NTT Memilih", "Berita TTU Terkini", "Belu Terkini"]
PEOPLE = [
    "Dionisius Rebon",
    "Maria Seran",
    "Yohanes Taolin",
    "Agustina Nenobais",
    "Petrus Bere",
    "Wahyu Santoso",
    "Rina Kartika",
    "Aji Pratama",
]


def generate(folder: Path, count: int) -> None:
    """Write `count` articles, cycling through the templates, one file at a time."""
    templates = sorted(TEMPLATES.glob("*.txt"))
    texts = [Template(path.read_text(encoding="utf-8")) for path in templates]
    rng = random.Random(2026)
    titles: list[str] = ["Polres Kupang Kota Gelar Patroli Gabungan"]
    for n in range(count):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(690))
        place = rng.choice(PLACES)
        activity = rng.choice(ACTIVITIES)
        title = f"Polres {place.title()} Gelar {activity.title()} Jelang {rng.choice(EVENTS)} Pekan {n}"
        author = rng.choice(PEOPLE)
        values = {
            "n": n + 10,
            "title": title,
            "place": place,
            "place_name": place.title(),
            "activity": activity,
            "event": rng.choice(EVENTS),
            "weekday": WEEKDAYS[day.weekday()],
            "d": day.day,
            "m": day.month,
            "yyyy": day.year,
            "month_name": MONTHS[day.month - 1],
            "mon_abbr": MON_ABBR[day.month - 1],
            "hh": f"{rng.randrange(6, 22):02d}",
            "mi": f"{rng.randrange(60):02d}",
            "author": author,
            "author_short": author.split()[0],
            "editor": rng.choice(PEOPLE),
            "rubric": rng.choice(RUBRICS),
            "related": rng.choice(titles),
        }
        text = texts[n % len(texts)].substitute(values)
        path = (
            folder
            / f"batch-{n // PER_FOLDER:03d}"
            / f"{n:06d}-{templates[n % len(texts)].stem}.txt"
        )
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        titles = (titles + [title])[-50:]


def child(folder: str) -> None:
    """Inside the import process: outlets in, import timed, figures out as JSON."""
    import django

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    from articles.models import Article, Outlet

    outlets = json.loads((REPO / "demo" / "outlets.json").read_text())["outlets"]
    for entry in outlets:
        fields = {k: v for k, v in entry.items() if k not in ("slug", "staff")}
        Outlet.objects.update_or_create(slug=entry["slug"], defaults=fields)
    files = sum(1 for _ in Path(folder).rglob("*.txt"))
    started = time.perf_counter()
    # Failed files show in the count of created articles below.
    with open(os.devnull, "w") as quiet, contextlib.suppress(CommandError):
        call_command("import_articles", folder, stdout=quiet)
    seconds = time.perf_counter() - started
    created = Article.objects.count()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The parse workers have exited by now; this is the largest one's peak.
    worker_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    settings = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            shown = []
            for name in ("fsync", "synchronous_commit", "full_page_writes"):
                cursor.execute(f"SHOW {name}")
                shown.append(f"{name} {cursor.fetchone()[0]}")
            settings = ", ".join(shown)
    print(
        json.dumps(
            {
                "settings": settings,
                "files": files,
                "created": created,
                "seconds": round(seconds, 2),
                "per_second": round(files / seconds),
                "peak_rss_mib": round(peak_kib / 1024, 1),
                "worker_peak_rss_mib": round(worker_kib / 1024, 1),
            }
        )
    )


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(database_url: str, folder: Path, fresh) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        # Production settings: no debug query log.
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
    }
    fresh(env)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(folder)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if figures["created"] != figures["files"]:
        raise SystemExit(
            f"Only {figures['created']} of {figures['files']} files imported."
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", "")
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="imports per row; the median is reported (the machine is shared and noisy)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        started = time.perf_counter()
        generate(articles, args.count)
        print(
            f"Generated {args.count} articles in {time.perf_counter() - started:.1f}s"
        )
        sizes = [(min(PER_FOLDER, args.count), articles / "batch-000")]
        if args.count > PER_FOLDER:
            sizes.append((args.count, articles))
        backends = [("SQLite", None)]
        if args.postgres_url:
            backends.append(("PostgreSQL", args.postgres_url))
        for backend, url in backends:
            for size, folder in sizes:
                if url is None:
                    db_file = Path(tmp) / f"bench-{size}.sqlite3"
                    db_url = f"sqlite:///{db_file}"

                    def fresh(env, db_file=db_file):
                        for leftover in db_file.parent.glob(db_file.name + "*"):
                            leftover.unlink()
                        manage(env, "migrate", "--noinput")

                else:
                    db_url = url

                    def fresh(env):
                        manage(env, "migrate", "--noinput")
                        manage(env, "flush", "--noinput")

                runs = sorted(
                    (measure(db_url, folder, fresh) for _ in range(args.repeat)),
                    key=lambda figures: figures["per_second"],
                )
                for figures in runs:
                    print(f"{backend:<10} {figures}")
                median = runs[len(runs) // 2]
                spread = f"{runs[0]['per_second']}–{runs[-1]['per_second']}"
                database = f"{backend} ({median['settings']})" if url else backend
                rows.append({**median, "database": database, "spread": spread})
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    table = [
        f"Median of {args.repeat} imports per row; the spread is the slowest–fastest run. "
        f"Load average at the end: {load}.",
        "",
        "| database | files | created | seconds | articles/s | spread | peak RSS (MiB) "
        "| worker peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {r['database']} | {r['files']} | {r['created']} | {r['seconds']} "
            f"| {r['per_second']} | {r['spread']} | {r['peak_rss_mib']} "
            f"| {r['worker_peak_rss_mib']} |"
            for r in rows
        ),
    ]
    OUT.mkdir(exist_ok=True)
    (OUT / "report.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))
    print(f"\nWritten to {OUT / 'report.md'}")


if __name__ == "__main__":
    main()
