"""Audit the public pages: W3C Nu validator, axe-core and Lighthouse 12.

Loads the demo into a throwaway SQLite database, serves it with production settings
(DEBUG off, gunicorn, WhiteNoise) on 127.0.0.1, audits every page type and writes the
figures to audit/REPORT.md. Needs Java (for vnu.jar), Node with `npm install` done in
audit/, and Debian's Chromium.

    make audit          # or: .venv/bin/python audit/run.py
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

AUDIT = Path(__file__).resolve().parent
REPO = AUDIT.parent
PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
NODE_BIN = AUDIT / "node_modules" / ".bin"
VNU_JAR = AUDIT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = AUDIT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--access-logfile",
            "-",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The audit server did not start.")


def page_urls(base: str) -> dict[str, str]:
    """One URL per page type, found by following the site's own links."""
    home = urllib.request.urlopen(base + "/").read().decode()
    outlet = re.search(r'href="/([a-z0-9-]+)/"', home).group(1)
    outlet_home = urllib.request.urlopen(f"{base}/{outlet}/").read().decode()
    urls = {"network front page": "/", "outlet home": f"/{outlet}/"}
    patterns = {
        "article": rf'href="(/{outlet}/\d{{4}}/\d{{2}}/\d{{2}}/[^"]+/)"',
        "rubric list": rf'href="(/{outlet}/rubrik/[^"/]+/)"',
        "region list": r'href="(/[a-z0-9-]+/wilayah/[^"/]+/)"',
        "tag list": rf'href="(/{outlet}/tag/[^"/]+/)"',
    }
    for name, pattern in patterns.items():
        found = re.search(pattern, outlet_home)
        if found:
            urls[name] = found.group(1)
    article = urllib.request.urlopen(base + urls["article"]).read().decode()
    author = re.search(r'href="(/[a-z0-9-]+/penulis/[^"/]+/)"', article)
    if author:
        urls["author list"] = author.group(1)
    if "region list" not in urls:
        region = re.search(r'href="(/[a-z0-9-]+/wilayah/[^"/]+/)"', article)
        if region:
            urls["region list"] = region.group(1)
    urls["search"] = f"/{outlet}/cari/?q=polisi"
    for slug in re.findall(r'href="/([a-z0-9-]+)/"', home):
        if slug != outlet:
            page = urllib.request.urlopen(f"{base}/{slug}/").read().decode()
            found = re.search(rf'href="(/{slug}/\d{{4}}/\d{{2}}/\d{{2}}/[^"]+/)"', page)
            if found:
                urls[f"article ({slug})"] = found.group(1)
    return urls


def validate_html(
    base: str, urls: dict[str, str], workdir: Path
) -> dict[str, list[str]]:
    files = {}
    for name, path in urls.items():
        target = workdir / (re.sub(r"\W+", "_", name) + ".html")
        target.write_bytes(urllib.request.urlopen(base + path).read())
        files[str(target)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in urls}
    for message in report["messages"]:
        name = files.get(message.get("url", "").removeprefix("file:"), "?")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message['message']}"
        )
    return errors


def run_axe(base: str, urls: dict[str, str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:]
        )
        page = browser.new_page()
        for name, path in urls.items():
            page.goto(base + path)
            page.add_script_tag(path=str(AXE_JS))
            violations = page.evaluate("async () => (await axe.run()).violations")
            found[name] = [
                f"{v['impact']}: {v['id']} ({len(v['nodes'])} nodes)"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
        browser.close()
    return found


def run_lighthouse(
    base: str, urls: dict[str, str], workdir: Path
) -> dict[str, dict[str, int]]:
    scores = {}
    for name in ("outlet home", "article"):
        out = workdir / f"lighthouse-{name.replace(' ', '-')}.json"
        subprocess.run(
            [
                str(NODE_BIN / "lighthouse"),
                base + urls[name],
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES),
                "--preset=desktop",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            capture_output=True,
        )
        categories = json.loads(out.read_text())["categories"]
        scores[name] = {
            key: round(categories[key]["score"] * 100) for key in LIGHTHOUSE_CATEGORIES
        }
    return scores


def main() -> None:
    if not VNU_JAR.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund"], cwd=AUDIT, check=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
            "DEBUG": "false",
            "SECRET_KEY": "audit-only-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1 localhost",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
        }
        for command in (
            ["migrate", "--noinput"],
            ["collectstatic", "--noinput"],
            ["load_demo"],
        ):
            subprocess.run(
                [PY, "manage.py", *command],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
        server, base = serve(env)
        try:
            urls = page_urls(base)
            html = validate_html(base, urls, workdir)
            axe = run_axe(base, urls)
            lighthouse = run_lighthouse(base, urls, workdir)
        finally:
            server.terminate()
    write_report(urls, html, axe, lighthouse)


def write_report(urls, html, axe, lighthouse) -> None:
    lines = [
        "# Page quality audit",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make audit` (`.venv/bin/python audit/run.py`):",
        "the demo served by gunicorn with DEBUG off, Debian's Chromium, vnu-jar, axe-core and",
        "Lighthouse 12 (desktop preset) from audit/package.json.",
        "",
        "| page | URL | Nu errors | axe serious/critical |",
        "| --- | --- | --- | --- |",
    ]
    for name, path in urls.items():
        lines.append(
            f"| {name} | `{path}` | {len(html.get(name, []))} | {len(axe.get(name, []))} |"
        )
    lines += [
        "",
        "| Lighthouse | " + " | ".join(LIGHTHOUSE_CATEGORIES) + " |",
        "| --- |" + " --- |" * 4,
    ]
    for name, scores in lighthouse.items():
        lines.append(
            f"| {name} | "
            + " | ".join(str(scores[k]) for k in LIGHTHOUSE_CATEGORIES)
            + " |"
        )
    problems = [f"- {name}: {msg}" for name, msgs in {**html}.items() for msg in msgs]
    problems += [f"- {name} (axe): {msg}" for name, msgs in axe.items() for msg in msgs]
    lines += ["", "## Findings", "", *(problems or ["None."])]
    (AUDIT / "REPORT.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    failed = problems or any(
        score < 95 for scores in lighthouse.values() for score in scores.values()
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
