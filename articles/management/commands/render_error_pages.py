from django.core.management.base import BaseCommand

from articles.site.errors import render_error_pages


class Command(BaseCommand):
    help = (
        "Write the static 500 page of the network and of every outlet under "
        "STATIC_ROOT/errors/ (collectstatic runs this)."
    )

    def handle(self, *args, **options):
        written = render_error_pages()
        self.stdout.write(f"{len(written)} error page file(s) written.")
