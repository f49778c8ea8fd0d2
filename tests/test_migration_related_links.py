"""Migration 0010: the old "Baca juga" pairs become RelatedLink rows, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

TARGET = ("articles", "0010_related_links")


def _migrate(to):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([to])
    return executor.loader.project_state([to]).apps


def _before():
    graph = MigrationExecutor(connection).loader.graph
    return next(p for p in graph.node_map[TARGET].parents if p.key[0] == "articles").key


@pytest.mark.django_db(transaction=True)
def test_existing_pairs_become_links_to_their_targets_and_back():
    before = _before()
    try:
        old = _migrate(before)
        Outlet = old.get_model("articles", "Outlet")
        Article = old.get_model("articles", "Article")
        outlet = Outlet.objects.create(name="A", slug="a", brand_label="A")
        story, other = (
            Article.objects.create(outlet=outlet, title=title, slug=title, body="x")
            for title in ("Berita", "Berita Terkait")
        )
        story.related.add(other)

        new = _migrate(TARGET)
        RelatedLink = new.get_model("articles", "RelatedLink")
        links = RelatedLink.objects.values_list(
            "article_id", "target_id", "headline", "position"
        )
        assert list(links) == [(story.pk, other.pk, "Berita Terkait", None)]

        old = _migrate(before)
        pairs = old.get_model("articles", "Article").related.through.objects
        assert list(pairs.values_list("from_article_id", "to_article_id")) == [
            (story.pk, other.pk)
        ]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("articles")[0])
