"""Mangled scrapes (property-based): the parser and the command never crash on them.

Each file is a seed article put through a few manglings: truncation, random bytes, a
stretch re-encoded in another charset, a huge line, `\\r`-only line endings. Whatever comes
out, every file is imported, a duplicate, or failed with a reason.
"""

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importing import ParsedArticle, parse
from articles.models import Article

from .conftest import SEEDS

SEED_BYTES = [seed.read_bytes() for seed in SEEDS]


@st.composite
def mangled(draw) -> bytes:
    raw = draw(st.sampled_from(SEED_BYTES))
    for mangle in draw(
        st.lists(
            st.sampled_from(["truncate", "bytes", "charset", "huge", "cr"]),
            min_size=1,
            max_size=3,
        )
    ):
        at = draw(st.integers(0, len(raw)))
        if mangle == "truncate":
            raw = raw[:at]
        elif mangle == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=40)) + raw[at:]
        elif mangle == "charset":
            # A stretch of the text re-encoded, as a badly merged scrape would have it.
            text = raw.decode("utf-8", "replace")
            at = min(at, len(text))
            end = draw(st.integers(at, len(text)))
            charset = draw(st.sampled_from(["cp1252", "latin-1", "utf-16"]))
            raw = (
                text[:at].encode()
                + text[at:end].encode(charset, "replace")
                + text[end:].encode()
            )
        elif mangle == "huge":
            word = draw(
                st.sampled_from([b"Kupang ", b"x", b"(20/7/2023) ", b"\xc2\xa0"])
            )
            raw = raw[:at] + word * (20_000 // len(word)) + raw[at:]
        else:
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    return raw


@settings(max_examples=60, deadline=None)
@given(mangled())
def test_the_parser_never_crashes_on_a_mangled_file(raw):
    parsed = parse(raw)

    assert isinstance(parsed, ParsedArticle)
    json.dumps(parsed.preview("file.txt"))
    if parsed.error is None:
        assert parsed.body
    else:
        assert parsed.error.strip()


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(mangled(), min_size=1, max_size=4))
def test_the_command_imports_reports_or_fails_every_mangled_file(files):
    with tempfile.TemporaryDirectory() as folder:
        for n, raw in enumerate(files):
            (Path(folder) / f"{n}.txt").write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_articles", folder, "--json", stdout=out, stderr=err)
        except CommandError as exc:
            assert "could not be imported" in str(exc), err.getvalue()

        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [line["file"] for line in lines] == [
            f"{folder}/{n}.txt" for n in range(len(files))
        ]
        for line in lines:
            if line["error"] is not None:
                assert line["error"].strip()
            elif line["duplicate_of"] is None:
                assert Article.objects.filter(source_file=line["file"]).exists()
        assert "Traceback" not in err.getvalue()
