"""RSS and Atom feeds of an outlet and of one of its rubrics."""

import io
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from ..models import Article, Rubric
from . import portal
from .hosts import outlet_for
from .jinja import summary
from .prepared import Prepared

FEED_LENGTH = 20
# Enough of the body for a 60-word description when an article has no lead.
SUMMARY_SOURCE_CHARS = 1500


def _feed_items(field):
    # A description needs the start of the body, not all of it.
    return Prepared(
        Article,
        lambda value, now: portal.cards(
            Article.objects.published(now).filter(**{field: value}),
            "content_modified_at",
            body_chars=SUMMARY_SOURCE_CHARS,
        )[:FEED_LENGTH],
        int,
        datetime,
    )


_outlet_items = _feed_items("outlet_id")
_rubric_items = _feed_items("rubric_id")


def _items(feed_outlet, prepared, value):
    return portal.with_credits(
        portal.of_outlet(feed_outlet, prepared(value, timezone.now()))
    )


class OutletFeed(Feed):
    language = "id"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # One piece, not the response's empty first one and the document.
        response.content = response.content
        return response

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        write = feed.write

        def write_once(outfile, encoding):
            # The feed generator writes the document in hundreds of small pieces, each
            # encoded and kept by the response on its own (a WSGI server would send
            # each as its own write): the response gets it in one piece.
            document = io.StringIO()
            write(document, encoding)
            outfile.write(document.getvalue().encode(encoding))

        feed.write = write_once
        return feed

    def get_object(self, request, outlet):
        return outlet_for(request, outlet)

    def title(self, outlet):
        return outlet.name

    def link(self, outlet):
        return outlet.get_absolute_url()

    def description(self, outlet):
        return outlet.tagline or outlet.name

    def items(self, outlet):
        return _items(outlet, _outlet_items, outlet.pk)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return summary(article, 60)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        """Every credited person once; the outlet itself when nobody is credited
        (an Atom entry must name an author)."""
        names = dict.fromkeys(
            credit.author.name for credit in article.credit_list if credit.author.name
        )
        return ", ".join(names) or article.outlet.name

    def item_categories(self, article):
        return [article.rubric.name] if article.rubric else []


class OutletAtomFeed(OutletFeed):
    feed_type = Atom1Feed

    def subtitle(self, outlet):
        return self.description(outlet)


class RubricFeed(OutletFeed):
    def get_object(self, request, outlet, slug):
        return get_object_or_404(
            Rubric.objects.select_related("outlet"), outlet__slug=outlet, slug=slug
        )

    def title(self, rubric):
        return f"{rubric.outlet.name}: {rubric.name}"

    def link(self, rubric):
        return reverse(
            "articles:rubric",
            kwargs={"outlet": rubric.outlet.slug, "slug": rubric.slug},
        )

    def description(self, rubric):
        return self.title(rubric)

    def items(self, rubric):
        return _items(rubric.outlet, _rubric_items, rubric.pk)
