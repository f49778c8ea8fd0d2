"""`import_articles` as real processes: concurrent runs, SIGKILL, Ctrl-C.

Each test runs the command in subprocesses against a database they share with the test:
on PostgreSQL the test database itself (committed, `transactional_db`), on SQLite a
migrated database file. Archives are variants of the seed articles, so the real parser
and the parse workers are exercised.
"""

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from .conftest import REPO, SEED_DIR, SEEDS

pytestmark = pytest.mark.django_db(transaction=True)

# Nine groups of tests/import_runner.py's twenty files; parse workers start after the first.
ARCHIVE_SIZE = 180
WAIT = 120  # seconds: a generous bound on a busy machine, never a sleep


def make_archive(folder: Path, count: int) -> list[Path]:
    """`count` distinct articles: the seeds with a numbered headline and closing line."""
    seeds = []
    for seed in SEEDS:
        expected = json.loads(
            (SEED_DIR / "expected" / f"seed-{seed.name[:3]}.json").read_text()
        )
        seeds.append((seed.read_bytes(), expected["title"]))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        raw, title = seeds[n % len(seeds)]
        if title:
            raw = raw.replace(title.encode(), f"{title} {n}".encode())
        path = folder / f"{n:04d}.txt"
        path.write_bytes(raw.rstrip() + f"\n\nArsip redaksi nomor {n}.\n".encode())
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    path = tmp_path_factory.mktemp("import-db") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{path}"},
        check=True,
        timeout=WAIT,
    )
    return path


class SharedDatabase:
    """The database the subprocesses write to, and plain SQL to read it back."""

    def __init__(self, url: str, sqlite_path: Path | None):
        self.url, self.sqlite_path = url, sqlite_path

    def value(self, sql: str):
        if self.sqlite_path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        with sqlite3.connect(self.sqlite_path) as db:
            return db.execute(sql).fetchone()[0]

    def import_command(self, *args) -> tuple[list[str], dict]:
        env = {**os.environ, "DATABASE_URL": self.url, "PYTHONUNBUFFERED": "1"}
        return [sys.executable, "-m", "tests.import_runner", *map(str, args)], env


@pytest.fixture
def shared_db(tmp_path, request):
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = quote(s["USER"] or "")
        if s["PASSWORD"]:
            auth += ":" + quote(s["PASSWORD"])
        url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return SharedDatabase(url, None)
    path = tmp_path / "import.sqlite3"
    shutil.copy(request.getfixturevalue("migrated_sqlite"), path)
    return SharedDatabase(f"sqlite:///{path}", path)


def start(shared_db, *args, **popen) -> subprocess.Popen:
    command, env = shared_db.import_command(*args)
    return subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def children(pid: int) -> set[int]:
    """The live child processes of `pid` (Linux)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found.update(int(c) for c in (task / "children").read_text().split())
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until_gone(pids: set[int]) -> set[int]:
    deadline = time.monotonic() + 10
    while (
        left := {pid for pid in pids if running(pid)}
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def read_lines_until(process: subprocess.Popen, count: int) -> list[str]:
    lines = []
    while len(lines) < count:
        line = process.stdout.readline()
        assert line, f"the import ended early: {process.stderr.read()}"
        lines.append(line)
    return lines


def assert_complete(shared_db, expected: int) -> None:
    """Exactly the expected articles, each whole: its import logged, no duplicates."""
    value = shared_db.value
    assert value("SELECT COUNT(*) FROM articles_article") == expected
    assert (
        value("SELECT COUNT(DISTINCT content_hash) FROM articles_article") == expected
    )
    assert (
        value(
            "SELECT COUNT(*) FROM articles_article a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_transition t WHERE t.article_id = a.id)"
        )
        == 0
    )
    assert value("SELECT COUNT(*) FROM articles_outlet") == len(SEEDS)
    # The list counts the database keeps agree with the rows, however the runs met.
    assert value(KEPT_COUNTS_WRONG) == 0
    assert value("SELECT COUNT(*) FROM articles_listcount WHERE topic = ''") == value(
        "SELECT COUNT(DISTINCT outlet_id) FROM articles_article WHERE status = 'published'"
    )


# Kept counts (ListCount) that differ from counting the published rows of their list.
KEPT_COUNTS_WRONG = """
SELECT COUNT(*) FROM articles_listcount AS kept
WHERE kept.published <> (
    SELECT COUNT(*) FROM articles_article AS a
    WHERE a.status = 'published' AND a.outlet_id = kept.outlet_id AND (
        kept.topic = ''
        OR kept.topic = 'rubric' AND a.rubric_id = kept.topic_pk
        OR kept.topic = 'region' AND a.region_id = kept.topic_pk
    )
)
"""


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_two_imports_started_together_end_with_exactly_the_union(tmp_path, shared_db):
    paths = make_archive(tmp_path / "arsip", ARCHIVE_SIZE)
    third = ARCHIVE_SIZE // 3
    first, second = paths[: 2 * third], paths[third:]

    runs = [start(shared_db, *first), start(shared_db, *second)]
    outputs = [run.communicate(timeout=WAIT) for run in runs]

    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert " 0 failed." in out
    created = [int(out.split("Imported: ")[1].split()[0]) for out, _ in outputs]
    assert sum(created) == ARCHIVE_SIZE
    assert_complete(shared_db, ARCHIVE_SIZE)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_an_import_killed_twice_then_rerun_has_exactly_the_full_set(
    tmp_path, shared_db
):
    paths = make_archive(tmp_path / "arsip", ARCHIVE_SIZE)
    points = random.Random(9).sample(range(30, ARCHIVE_SIZE - 30), 2)
    for point in points:
        run = start(shared_db, tmp_path / "arsip", "--json")
        read_lines_until(run, point)
        workers = children(run.pid)
        run.kill()
        run.wait(timeout=WAIT)
        assert workers, "the import had started its parse workers"
        assert wait_until_gone(workers) == set(), "parse workers outlived the import"

    out, err = start(shared_db, tmp_path / "arsip").communicate(timeout=WAIT)

    assert "0 failed." in out, out + err
    assert_complete(shared_db, len(paths))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_ends_with_a_summary_of_what_was_saved_and_status_130(
    tmp_path, shared_db
):
    make_archive(tmp_path / "arsip", ARCHIVE_SIZE)
    run = start(shared_db, tmp_path / "arsip", "--json", start_new_session=True)
    read_lines_until(run, 120)
    workers = children(run.pid)

    # A terminal's Ctrl-C signals the whole foreground process group.
    os.killpg(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=WAIT)

    assert run.returncode == 130
    assert "Traceback" not in err
    assert "Interrupted: the files counted above are saved" in err
    saved = int(err.split("Imported: ")[1].split()[0])
    assert saved >= 100
    assert shared_db.value("SELECT COUNT(*) FROM articles_article") == saved
    assert wait_until_gone(workers) == set()
