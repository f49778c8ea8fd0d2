"""Page quality checks shared by the suite: the W3C Nu validator and axe-core.

- `nu_errors(html)` / `nu_errors_many({name: html})`: Nu validator errors, from the
  vnu.jar pinned in tests/tools/package.json (a current one: it knows attributes such as
  `fetchpriority`), which `make test` installs with npm; it needs Java 11 or later. One JVM
  start per call, so check several pages in one `nu_errors_many` call.
- `axe_violations(page)`: axe-core violations of the given impacts on a Playwright page
  already loaded, with the axe.min.js that `axe-playwright-python` bundles.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

VNU_JAR = (
    Path(__file__).resolve().parent / "tools/node_modules/vnu-jar/build/dist/vnu.jar"
)


def nu_available() -> bool:
    return shutil.which("java") is not None and VNU_JAR.is_file()


def require_nu():
    """Skip without Java or vnu.jar; with CI=true their absence is a failure."""
    if nu_available():
        return
    reason = (
        f"the Nu validator needs Java and {VNU_JAR} "
        "(`make test` installs it: npm ci --ignore-scripts in tests/tools)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def nu_errors_many(pages: dict[str, str]) -> dict[str, list[str]]:
    """Nu validator errors of each page (`{name: html}`), checked in one vnu run."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for n, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{n}.html"
            path.write_text(html, encoding="utf-8")
            files[path.resolve()] = name
        result = subprocess.run(
            [
                "java",
                "-Xss1024k",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--no-langdetect",
                "--format",
                "json",
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in report.get("messages", []):
        if message.get("type") != "error" and message.get("subType") != "fatal":
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        name = files.get(path, "?")
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(f"line {line}: {message.get('message')}")
    return errors


def nu_errors(html: str) -> list[str]:
    """Nu validator errors of one HTML document (empty when it is valid)."""
    return nu_errors_many({"page": html})["page"]


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core violations of `impacts` on a loaded Playwright page: id, impact, help,
    and the failing elements' selectors."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in results.response["violations"]
        if violation["impact"] in impacts
    ]
