"""Load the demo: the five launch outlets, one account per role per outlet, sample articles.

Running it again updates the same rows and creates nothing new.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Editor, EditorRole, Outlet, name_key

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_PASSWORD = "demo-redaksi-2026"
ROLE_ACCOUNTS = {
    EditorRole.REPORTER: ("wartawan", "Wartawan"),
    EditorRole.EDITOR: ("redaktur", "Redaktur"),
    EditorRole.CHIEF: ("pemred", "Pemimpin Redaksi"),
}


class Command(BaseCommand):
    help = "Load the demo outlets, accounts and sample articles (idempotent)."

    def handle(self, *args, **options):
        data = json.loads((DEMO_DIR / "outlets.json").read_text(encoding="utf-8"))
        accounts = self._load_outlets_and_accounts(data["outlets"])
        articles_dir = DEMO_DIR / "articles"
        if any(articles_dir.rglob("*.txt")):
            for outlet in data["outlets"]:
                folder = articles_dir / outlet["slug"]
                if folder.is_dir():
                    self._import_articles(folder, outlet["slug"])
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
        admin, created = users.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        accounts = [("admin", "superuser")]
        for entry in outlets:
            fields = {k: v for k, v in entry.items() if k not in ("slug", "staff")}
            outlet, _ = Outlet.objects.update_or_create(
                slug=entry["slug"], defaults=fields
            )
            for role, (suffix, group_name) in ROLE_ACCOUNTS.items():
                username = f"{outlet.slug}.{suffix}"
                user, _ = users.get_or_create(
                    username=username, defaults={"is_staff": True}
                )
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(Group.objects.get(name=group_name))
                credit = entry["staff"][role]
                editor, _ = Editor.objects.update_or_create(
                    user=user,
                    defaults={
                        "role": role,
                        "credit_name": credit,
                        "name_key": name_key(credit),
                    },
                )
                editor.outlets.add(outlet)
                accounts.append((username, f"{group_name} — {outlet.name}"))
        return accounts
