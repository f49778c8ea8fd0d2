"""Check every public page type with the W3C Nu validator and axe-core; write a report.

Not part of the unit suite. Needs Java 17, Chromium, and the npm packages pinned in
audit/package.json (vnu-jar, axe-core, Lighthouse 12), installed into audit/node_modules:

    make audit        # npm install in audit/, then this script with --lighthouse
    .venv/bin/python audit/check_pages.py [--tools audit] [--lighthouse [--runs 3]]

It builds a throwaway SQLite database with the demo outlets and one sample story of each
kind (each with one of the demo's drawn photos), serves it as `make serve` does (DEBUG
off, collected static files, gunicorn), saves each page under audit/out/pages/,
validates them with vnu.jar, runs axe-core in headless Chromium (screenshots in
audit/out/screens/, and the scored pages at a phone's 390 px as mobile-*.png), and writes
audit/REPORT.md.

With --lighthouse it also scores an outlet home and an article page with Lighthouse
(mobile, simulated throttling, Debian's Chromium) `--runs` times each, takes the median of
each category, and fails when a median is under the bar (LIGHTHOUSE_BAR in every
category). Each run's JSON is kept in audit/out/lighthouse/.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "audit" / "out"
REPORT = REPO / "audit" / "REPORT.md"
# The quality bar (issue 11): every category's median of the runs, on each scored page.
LIGHTHOUSE_BAR = 95
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The outlet whose home and article page Lighthouse scores.
LIGHTHOUSE_OUTLET = "pos-kupang"
LIGHTHOUSE_KINDS = ("home", "article")
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
}
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
    from io import StringIO

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from articles.demo import draw_scene
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
        # A drawn photo that weighs what a real one does (see draw_scene).
        story.image.save("apel.jpg", ContentFile(draw_scene(outlet.pk)), save=True)
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
        help=f"also score {LIGHTHOUSE_OUTLET}'s home and article page with Lighthouse",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the report gives each and their median",
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    vnu = args.tools / "node_modules/vnu-jar/build/dist/vnu.jar"
    axe = args.tools / "node_modules/axe-core/axe.min.js"
    lighthouse_bin = args.tools / "node_modules/.bin/lighthouse"
    for tool in (vnu, axe, *([lighthouse_bin] if args.lighthouse else [])):
        if not tool.exists():
            sys.exit(f"{tool} is missing: run `npm install` in {args.tools}")

    shutil.rmtree(
        OUT, ignore_errors=True
    )  # no page, screenshot or run of an earlier check
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-check-"))
    # Served as `make serve` serves readers: DEBUG off, collected (hashed, compressed)
    # static files, gunicorn; only the redirect to https is left to the absent proxy.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'check.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    pages = build_site()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=REPO,
        env=env,
        check=True,
    )
    scored = [
        (kind, path)
        for kind, path in pages
        if kind in {f"{LIGHTHOUSE_OUTLET}: {k}" for k in LIGHTHOUSE_KINDS}
    ]

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--threads=4",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "server.log").open("w"),
    )
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(root + "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit(f"The server did not answer: see {workdir / 'server.log'}")
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
            root, [(k, p) for k, p in pages if not p.endswith(".txt")], axe, scored
        )
        lighthouse = None
        if args.lighthouse:
            lighthouse = run_lighthouse(root, scored, lighthouse_bin, args.runs)
    finally:
        server.terminate()
        server.wait()

    write_report(files, messages, axe_results, lighthouse)
    shutil.rmtree(workdir, ignore_errors=True)  # the throwaway database and media
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
    missed = []
    if lighthouse:
        for kind, _, medians, _ in lighthouse["pages"]:
            print(
                f"Lighthouse {kind} (median of {args.runs}): "
                + ", ".join(f"{c} {medians[c]}" for c in LIGHTHOUSE_CATEGORIES)
            )
            missed += [
                f"{kind} {c} {medians[c]}"
                for c in LIGHTHOUSE_CATEGORIES
                if medians[c] < LIGHTHOUSE_BAR
            ]
        if missed:
            print(f"Under the bar of {LIGHTHOUSE_BAR}: " + "; ".join(missed))
    print(f"Report: {REPORT.relative_to(REPO)}")
    return 1 if errors or serious or missed else 0


def run_axe(root, pages, axe_path, phone_pages=()):
    from playwright.sync_api import sync_playwright

    results = []
    screens = OUT / "screens"
    screens.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        # axe is added as an inline script, which the pages' CSP rightly refuses.
        page = browser.new_page(locale="id-ID", bypass_csp=True)
        for kind, path in pages:
            show_whole_page(page, root + path, {"width": 1100, "height": 900})
            page.screenshot(path=screens / f"{file_name(kind)}.png")
            page.add_script_tag(path=str(axe_path))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))"
            )
            results.append((kind, path, found))
        phone = browser.new_page(
            locale="id-ID", device_scale_factor=2, is_mobile=True, has_touch=True
        )
        for kind, path in phone_pages:
            show_whole_page(phone, root + path, {"width": 390, "height": 844})
            phone.screenshot(path=screens / f"mobile-{file_name(kind)}.png")
        browser.close()
    return results


def file_name(kind: str) -> str:
    """`pos-kupang: retracted article` -> `pos-kupang-retracted-article`."""
    return kind.replace(": ", "-").replace(" ", "-")


def show_whole_page(page, url, viewport) -> None:
    """Load `url` in a viewport of `viewport`'s size, then make the viewport as tall as
    the page: every section is rendered (content-visibility keeps those off screen for
    later) and lazy photos load, so screenshots show and axe checks what a reader
    scrolling down meets, which a full-page capture of the first screen would not."""
    page.set_viewport_size(viewport)
    page.goto(url)
    for _ in range(5):
        height = page.evaluate(
            "Math.ceil(document.documentElement.getBoundingClientRect().height)"
        )
        if height == page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_load_state("networkidle")


def run_lighthouse(root, pages, binary, runs):
    """Score each page `runs` times (in rounds, so a busy spell on the machine does not
    fall on one page alone); the medians, every run's scores and metrics, and the load."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    folder = OUT / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    by_page = {path: [] for _, path in pages}
    loads = [uptime()]
    failures = []
    for run in range(1, runs + 1):
        for kind, path in pages:
            out = folder / f"{file_name(kind)}-{run}.json"
            result = lighthouse_once(binary, root + path, out, env, failures)
            scores = {
                k: round(v["score"] * 100) for k, v in result["categories"].items()
            }
            metrics = {
                label: result["audits"][audit]["numericValue"]
                for audit, label in METRICS.items()
            }
            by_page[path].append((scores, metrics))
            loads.append(uptime())
    return {
        "runs": runs,
        "loads": loads,
        "failures": failures,
        "pages": [
            (
                kind,
                path,
                {
                    c: statistics.median(s[c] for s, _ in by_page[path])
                    for c in LIGHTHOUSE_CATEGORIES
                },
                by_page[path],
            )
            for kind, path in pages
        ],
    }


def lighthouse_once(binary, url, out, env, failures, attempts=3) -> dict:
    """One Lighthouse run's result. A run that could not record the page load (Lighthouse
    says to run it again: NO_NAVSTART, NO_FCP on a busy machine) is run again, at most
    `attempts` times in all, and noted in `failures`; it has no scores to count."""
    for _ in range(attempts):
        out.unlink(missing_ok=True)
        finished = subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--form-factor=mobile",
                "--throttling-method=simulate",
                "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.read_text()) if out.exists() else {}
        error = result.get("runtimeError", {}).get("code")
        if finished.returncode == 0 and not error and result.get("categories"):
            return result
        last_line = (finished.stderr.strip().splitlines() or ["no output"])[-1]
        failures.append(f"{url}: {error or last_line}")
    sys.exit(f"Lighthouse failed {attempts} times on {url}: " + "; ".join(failures))


def uptime() -> str:
    """The load averages (1, 5, 15 min): the machine may be shared."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def write_report(files, messages, axe_results, lighthouse=None):
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
        lines += lighthouse_report(lighthouse)
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


def lighthouse_report(lighthouse) -> list[str]:
    runs = lighthouse["runs"]
    header = "| performance | accessibility | best practices | SEO |"  # medians
    lines = [
        "",
        "## Lighthouse 12",
        "",
        "Mobile form factor, simulated throttling (Lighthouse's defaults), Debian's",
        f"Chromium; {runs} runs per page, in rounds. The bar: a median of at least",
        f"{LIGHTHOUSE_BAR} in every category. Load averages (1, 5, 15 min) before the",
        "first run and after each: " + "; ".join(lighthouse["loads"]) + ".",
        *(
            ["", "Runs that recorded no page load and were run again:", ""]
            + [f"- {failure}" for failure in lighthouse["failures"]]
            if lighthouse["failures"]
            else []
        ),
        "",
        f"| page | path {header}",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, path, medians, _ in lighthouse["pages"]:
        cells = " | ".join(
            f"{medians[c]:g}" + ("" if medians[c] >= LIGHTHOUSE_BAR else " (under)")
            for c in LIGHTHOUSE_CATEGORIES
        )
        lines.append(f"| {kind} | `{path}` | {cells} |")
    lines += [
        "",
        "Each run:",
        "",
        "| page | run | performance | accessibility | best practices | SEO | "
        + " | ".join(METRICS.values())
        + " |",
        "| --- | --- | --- | --- | --- | --- | " + "--- | " * len(METRICS),
    ]
    for kind, _, _, each in lighthouse["pages"]:
        for n, (scores, metrics) in enumerate(each, start=1):
            cells = [str(scores[c]) for c in LIGHTHOUSE_CATEGORIES]
            cells += [
                f"{value:.3f}" if label == "CLS" else f"{value:.0f}"
                for label, value in metrics.items()
            ]
            lines.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return lines


if __name__ == "__main__":
    sys.exit(main())
