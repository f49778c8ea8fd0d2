from django.contrib.staticfiles.management.commands import collectstatic

from articles.site.errors import render_error_pages


class Command(collectstatic.Command):
    """Django's collectstatic, then the outlets' 500 pages beside the static files
    (they are served when the database may be away, so they are made now)."""

    def handle(self, **options):
        result = super().handle(**options)
        if not options["dry_run"]:
            written = render_error_pages()
            if options["verbosity"] >= 1:
                self.stdout.write(f"{len(written)} error page file(s) written.")
        return result
