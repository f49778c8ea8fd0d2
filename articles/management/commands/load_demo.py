"""Load the demo: the five launch outlets, one account per role per outlet, sample articles,
and a two-year archive with photos, rubrics, regions and tags (articles/demo.py).

Running it again updates the same rows and creates nothing new.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import demo, pagecache
from articles.models import ROLE_GROUPS, Editor, EditorRole, Membership, Outlet

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_PASSWORD = "demo-redaksi-2026"
# The account name suffix of each role's demo login.
ROLE_ACCOUNTS = {
    EditorRole.REPORTER: "wartawan",
    EditorRole.EDITOR: "redaktur",
    EditorRole.CHIEF: "pemred",
}


class Command(BaseCommand):
    help = "Load the demo outlets, accounts and sample articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stories",
            type=int,
            default=demo.STORIES_PER_OUTLET,
            help="Archive stories per outlet (default %(default)s; 0 for none).",
        )

    def handle(self, *args, **options):
        data = json.loads((DEMO_DIR / "outlets.json").read_text(encoding="utf-8"))
        accounts = self._load_outlets_and_accounts(data["outlets"])
        articles_dir = DEMO_DIR / "articles"
        if any(articles_dir.rglob("*.txt")):
            for outlet in data["outlets"]:
                folder = articles_dir / outlet["slug"]
                if folder.is_dir():
                    self._import_articles(folder, outlet["slug"])
        for outlet in Outlet.objects.filter(
            slug__in=[o["slug"] for o in data["outlets"]]
        ):
            demo.load_wordmark(outlet)
            added = demo.load_archive(outlet, options["stories"])
            if added:
                self.stdout.write(f"Archive for {outlet.slug}: {added} stories.")
        # Outlets, their logos and hosts changed: a running site shows them at once.
        pagecache.everything_changed()
        self.stdout.write("\nDemo accounts (log in at /admin/):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<28} {DEMO_PASSWORD:<20} {role}")

    def _import_articles(self, folder: Path, slug: str) -> None:
        self.stdout.write(f"Articles for {slug}:")
        try:
            call_command(
                "import_articles", str(folder), outlet=slug, stdout=self.stdout
            )
        except CommandError as exc:
            # The import printed which files failed and why; the rest of the demo still loads.
            self.stderr.write(f"Some demo articles for {slug} were not imported: {exc}")

    @transaction.atomic
    def _load_outlets_and_accounts(self, outlets: list[dict]) -> list[tuple[str, str]]:
        users = get_user_model().objects
        # One hash for every demo login: the password is printed for all to read, and
        # each hash takes the hasher's full work (over half a second), sixteen times.
        password = make_password(DEMO_PASSWORD)
        admin, created = users.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        admin.password = password
        admin.save()
        accounts = [("admin", "superuser")]
        for entry in outlets:
            fields = {k: v for k, v in entry.items() if k not in ("slug", "staff")}
            outlet, _ = Outlet.objects.update_or_create(
                slug=entry["slug"], defaults=fields
            )
            for role, suffix in ROLE_ACCOUNTS.items():
                username = f"{outlet.slug}.{suffix}"
                editor = Editor.objects.filter(user__username=username).first()
                if editor is None:
                    editor = Editor.objects.create_person(
                        username=username,
                        credit_name=entry["staff"][role],
                        outlet=outlet,
                        role=role,
                    )
                else:
                    Membership.objects.grant(editor, outlet, role, on_masthead=True)
                users.filter(pk=editor.user_id).update(password=password)
                Membership.objects.filter(editor=editor).update(on_masthead=True)
                accounts.append((username, f"{ROLE_GROUPS[role]} — {outlet.name}"))
        return accounts
