"""The product's settings plus the benchmark's ceiling view (bench/site_urls.py)."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.site_urls"
# The ceiling is a Django-language template, as when it was first measured.
DJANGO_TEMPLATES = next(
    t for t in TEMPLATES if t["BACKEND"].endswith("DjangoTemplates")
)
DJANGO_TEMPLATES["DIRS"] = [
    *DJANGO_TEMPLATES["DIRS"],
    BASE_DIR / "bench" / "site_templates",
]
