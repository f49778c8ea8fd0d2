"""The product's settings plus the benchmark's ceiling view (bench/site_urls.py)."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.site_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "site_templates"]
