"""Check every public page type with the W3C Nu validator and axe-core; write a report.

Not part of the unit suite. Needs Java 17, Chromium, and the npm packages pinned in
audit/package.json (vnu-jar, axe-core, Lighthouse 12), installed into audit/node_modules:

    make audit        # npm install in audit/, then this script with --lighthouse
    .venv/bin/python audit/check_pages.py [--tools audit] [--lighthouse]

It builds a throwaway SQLite database with the demo outlets and one sample story of each
kind, serves it with `runserver`, saves each page under audit/out/pages/, validates them
with vnu.jar, runs axe-core in headless Chromium (screenshots in audit/out/screens/), and writes audit/REPORT.md.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "audit" / "out"
REPORT = REPO / "audit" / "REPORT.md"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_site() -> list[tuple[str, str]]:
    """Demo outlets plus sample stories; returns (page type, path) pairs to check."""
    import django

    django.setup()
    from io import BytesIO, StringIO

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from PIL import Image

    from articles.images import make_renditions
    from articles.models import (
        ArticleCredit,
        ArticleStatus,
        Correction,
        CreditRole,
        Editor,
        EditorRole,
        Outlet,
    )
    from tests.factories import (
        make_article,
        make_author,
        make_region,
        make_rubric,
        make_tag,
    )

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    pages = [("network front page", "/"), ("robots.txt", "/robots.txt")]
    for outlet in Outlet.objects.all():
        rubric = make_rubric(outlet, "Hukum dan Kriminal")
        region = make_region(outlet, "Timor Tengah Utara")
        tag = make_tag(outlet, "Kamtibmas Audit")
        writer, reporter = (
            make_author(f"Aji Santoso {outlet.pk}"),
            make_author(f"Rebon {outlet.pk}"),
        )
        editor = Editor.objects.filter(
            memberships__outlet=outlet, memberships__role=EditorRole.EDITOR
        ).first()
        earlier = [
            make_article(
                outlet,
                title=f"Kapolres meninjau pos {n}",
                rubric=rubric,
                authors=[writer],
            )
            for n in range(3)
        ]
        story = make_article(
            outlet,
            title="Kepala Kepolisian Daerah NTT memimpin apel kesiapan pengamanan",
            lead="Apel digelar di lapangan Mapolda pada Senin pagi.",
            body="".join(
                f"<p>Paragraf {n}: pemberitaan tentang keamanan dan ketertiban masyarakat.</p>"
                for n in range(1, 8)
            ),
            rubric=rubric,
            region=region,
            tags=[tag],
            authors=[writer],
            editor=editor,
            dateline_place="Kefamenanu",
            image_caption="Apel kesiapan di lapangan Mapolda.",
            image_credit="Humas Polda",
        )
        ArticleCredit.objects.create(
            article=story, author=reporter, role=CreditRole.REPORTER, order=1
        )
        story.related.set(earlier)
        Correction.objects.create(article=story, note="Nama lokasi apel diperbaiki.")
        buffer = BytesIO()
        Image.new("RGB", (1600, 900), outlet.primary_colour).save(buffer, "JPEG")
        story.image.save("apel.jpg", ContentFile(buffer.getvalue()), save=True)
        make_renditions(story)
        retracted = make_article(
            outlet,
            status=ArticleStatus.RETRACTED,
            retraction_reason="Sumber tidak dapat diverifikasi.",
        )
        base = f"/{outlet.slug}"
        pages += [
            (f"{outlet.style}: home", f"{base}/"),
            (f"{outlet.style}: rubric", f"{base}/rubrik/{rubric.slug}/"),
            (f"{outlet.style}: region", f"{base}/wilayah/{region.slug}/"),
            (f"{outlet.style}: tag", f"{base}/tag/{tag.slug}/"),
            (f"{outlet.style}: author", f"{base}/penulis/{writer.slug}/"),
            (f"{outlet.style}: search", f"{base}/cari/?q=kapolda"),
            (f"{outlet.style}: invalid filter", f"{base}/?date_from=kemarin"),
            (f"{outlet.style}: article", story.get_absolute_url()),
            (f"{outlet.style}: retracted article", retracted.get_absolute_url()),
            (f"{outlet.style}: list page 2", f"{base}/?page=2"),
            (f"{outlet.style}: redaksi", f"{base}/redaksi/"),
            (f"{outlet.style}: pedoman media siber", f"{base}/pedoman-media-siber/"),
        ]
    return pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=Path, default=REPO / "audit")
    parser.add_argument(
        "--lighthouse",
        action="store_true",
        help="also score a few pages with Lighthouse",
    )
    args = parser.parse_args()
    vnu = args.tools / "node_modules/vnu-jar/build/dist/vnu.jar"
    axe = args.tools / "node_modules/axe-core/axe.min.js"
    for tool in (vnu, axe):
        if not tool.exists():
            sys.exit(
                f"{tool} is missing: npm install --prefix {args.tools} vnu-jar axe-core"
            )

    workdir = Path(tempfile.mkdtemp(prefix="newsroom-check-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'check.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    pages = build_site()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(root + "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        html_dir = OUT / "pages"
        html_dir.mkdir(parents=True, exist_ok=True)
        files = {}
        for n, (kind, path) in enumerate(pages):
            if path.endswith(".txt"):
                continue
            with urllib.request.urlopen(root + path) as response:
                body = response.read()
            file = html_dir / f"{n:02d}.html"
            file.write_bytes(body)
            files[str(file)] = (kind, path)
        validator = subprocess.run(
            ["java", "-jar", str(vnu), "--format", "json", *files],
            capture_output=True,
            text=True,
        )
        messages = json.loads(validator.stderr or '{"messages": []}')["messages"]
        axe_results = run_axe(
            root, [(k, p) for k, p in pages if not p.endswith(".txt")], axe
        )
        lighthouse = []
        if args.lighthouse:
            sample = [pages[0]] + [
                (k, p)
                for k, p in pages
                if k.startswith("pos-kupang:") and "filter" not in k
            ]
            lighthouse = run_lighthouse(root, sample, args.tools)
    finally:
        server.terminate()
        server.wait()

    write_report(files, messages, axe_results, lighthouse)
    errors = [m for m in messages if m.get("type") == "error"]
    serious = [
        v
        for _, _, vs in axe_results
        for v in vs
        if v["impact"] in ("serious", "critical")
    ]
    print(
        f"{len(files)} pages: {len(errors)} HTML errors, {len(serious)} serious/critical axe violations"
    )
    print(f"Report: {REPORT.relative_to(REPO)}")
    return 1 if errors or serious else 0


def run_axe(root, pages, axe_path):
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        page = browser.new_page(locale="id-ID", viewport={"width": 1100, "height": 900})
        screens = OUT / "screens"
        screens.mkdir(parents=True, exist_ok=True)
        for n, (kind, path) in enumerate(pages):
            page.goto(root + path)
            page.screenshot(path=screens / f"{n:02d}.png", full_page=True)
            page.add_script_tag(path=str(axe_path))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))"
            )
            results.append((kind, path, found))
        browser.close()
    return results


def run_lighthouse(root, pages, tools):
    binary = tools / "node_modules/.bin/lighthouse"
    if not binary.exists():
        sys.exit(f"{binary} is missing: npm install --prefix {tools} lighthouse")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    results = []
    for kind, path in pages:
        out = OUT / "lighthouse.json"
        subprocess.run(
            [
                str(binary),
                root + path,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
            ],
            env=env,
            check=True,
        )
        categories = json.loads(out.read_text())["categories"]
        results.append(
            (kind, path, {k: round(v["score"] * 100) for k, v in categories.items()})
        )
    return results


def write_report(files, messages, axe_results, lighthouse=()):
    lines = [
        "# Public pages: HTML validity and accessibility",
        "",
        "Generated by `audit/check_pages.py` (W3C Nu validator `vnu-jar`, axe-core in",
        "headless Chromium) over every public page type of the five launch outlets.",
        "",
        "| page | path | Nu errors | Nu warnings | axe violations (impact) |",
        "| --- | --- | --- | --- | --- |",
    ]
    by_file = {}
    for message in messages:
        url = message.get("url", "").removeprefix("file:")
        by_file.setdefault(url, []).append(message)
    axe_by_path = {path: found for _, path, found in axe_results}
    for file, (kind, path) in files.items():
        found = by_file.get(file, [])
        errors = sum(1 for m in found if m.get("type") == "error")
        warnings = sum(1 for m in found if m.get("subType") == "warning")
        violations = (
            ", ".join(f"{v['id']} ({v['impact']})" for v in axe_by_path.get(path, []))
            or "none"
        )
        lines.append(f"| {kind} | `{path}` | {errors} | {warnings} | {violations} |")
    if lighthouse:
        lines += [
            "",
            "## Lighthouse (runserver, default settings, no compression)",
            "",
            "Search result pages are `noindex` on purpose, which Lighthouse's SEO score counts",
            "against them.",
            "",
            "| page | path | performance | accessibility | best practices | SEO |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for kind, path, scores in lighthouse:
            lines.append(
                f"| {kind} | `{path}` | {scores['performance']} | {scores['accessibility']} "
                f"| {scores['best-practices']} | {scores['seo']} |"
            )
    details = [
        m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"
    ]
    if details:
        lines += ["", "## Nu validator messages", ""]
        seen = set()
        for m in details:
            key = (m.get("type"), m.get("subType"), m.get("message"))
            if key not in seen:
                seen.add(key)
                lines.append(
                    f"- {m.get('subType') or m.get('type')}: {m.get('message')}"
                )
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
