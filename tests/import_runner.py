"""`manage.py import_articles` with small groups and chunks, for tests/test_import_processes.py.

A test archive of a few hundred files then sees many commits and parse-worker chunks, so a
kill or Ctrl-C lands in the middle of a run. Run as `python -m tests.import_runner ARGS`.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django.setup()

from django.core.management import execute_from_command_line  # noqa: E402

from articles.importing import loader  # noqa: E402
from articles.management.commands import import_articles  # noqa: E402

loader.GROUP_SIZE = import_articles.GROUP_SIZE = 20
import_articles.PARSE_HERE = 20
import_articles.PARSE_CHUNK = 10

execute_from_command_line(["manage.py", "import_articles", *sys.argv[1:]])
