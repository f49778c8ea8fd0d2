"""Presentation helpers: outlet palettes stay readable, dates need no locale."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from articles.models import Outlet
from articles.site.jinja import (
    contrast,
    outlet_palette,
    readable_on_white,
    stamp_en,
    tanggal,
)

DEMO = Path(__file__).resolve().parent.parent / "demo" / "outlets.json"


def _palette(outlet) -> dict:
    pairs = [item.split(":") for item in outlet_palette(outlet).split(";") if item]
    return {name: value for name, value in pairs}


@pytest.mark.parametrize(
    "entry", json.loads(DEMO.read_text())["outlets"], ids=lambda e: e["slug"]
)
def test_demo_outlet_colours_give_text_contrast_of_at_least_4_5(entry):
    outlet = Outlet(
        primary_colour=entry["primary_colour"], accent_colour=entry["accent_colour"]
    )

    palette = _palette(outlet)

    assert contrast(palette["--brand"], palette["--on-brand"]) >= 4.5
    assert contrast(palette["--accent"], "#ffffff") >= 4.5


@pytest.mark.parametrize("colour", ["#ffff00", "#ffffff", "#7fdbff", "#b45309"])
def test_a_pale_colour_is_darkened_until_readable(colour):
    readable = readable_on_white(colour)

    assert contrast(readable, "#ffffff") >= 4.5
    if contrast(colour, "#ffffff") >= 4.5:
        assert readable == colour


def test_dates_are_written_in_indonesian_in_the_outlet_zone():
    papua = Outlet(time_zone="Asia/Jayapura")
    moment = datetime(2023, 12, 31, 16, 30, tzinfo=ZoneInfo("UTC"))

    assert tanggal(moment, papua) == "Senin, 1 Januari 2024 01:30 WIT"
    assert stamp_en(moment, papua) == "Jan 1, 2024 - 01:30"
    assert tanggal(None, papua) == ""
