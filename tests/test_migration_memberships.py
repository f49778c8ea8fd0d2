"""Migrations 0005-0007 carry today's rows over unchanged in meaning: roles become
memberships, shared regions and tags split per outlet with every link and URL kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0004_slug_leads_the_url_constraint")]
AFTER = [("articles", "0007_roles_live_on_memberships")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_roles_and_shared_taxonomy_are_carried_over():
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    Outlet, Editor = (
        old.get_model("articles", "Outlet"),
        old.get_model("articles", "Editor"),
    )
    Article = old.get_model("articles", "Article")
    Region, Tag = old.get_model("articles", "Region"), old.get_model("articles", "Tag")
    Author = old.get_model("articles", "Author")
    pos, inews = (
        Outlet.objects.create(name=n, slug=n, brand_label=n) for n in ("pos", "inews")
    )
    chief = Editor.objects.create(
        user=User.objects.create(username="ana", is_staff=True),
        credit_name="Ana Nenobais",
        name_key="ana nenobais",
        role="chief",
    )
    chief.outlets.add(pos, inews)
    Author.objects.create(name="Ana Nenobais", name_key="ana nenobais", slug="ana")
    belu = Region.objects.create(name="Belu", slug="belu")
    unused = Tag.objects.create(name="Sepi", slug="sepi")
    pilkada = Tag.objects.create(name="Pilkada", slug="pilkada")
    stories = {}
    for outlet in (pos, inews):
        stories[outlet.slug] = Article.objects.create(
            outlet=outlet, title="t", slug=f"t-{outlet.slug}", body="b", region=belu
        )
        stories[outlet.slug].tags.add(pilkada)

    new = _migrate(AFTER)
    try:
        Membership = new.get_model("articles", "Membership")
        Article = new.get_model("articles", "Article")
        Region, Tag = (
            new.get_model("articles", "Region"),
            new.get_model("articles", "Tag"),
        )
        Author = new.get_model("articles", "Author")
        assert set(Membership.objects.values_list("outlet__slug", "role")) == {
            ("pos", "chief"),
            ("inews", "chief"),
        }
        for slug, story in stories.items():
            article = Article.objects.get(pk=story.pk)
            assert (article.region.outlet.slug, article.region.slug) == (slug, "belu")
            assert [(t.outlet.slug, t.slug) for t in article.tags.all()] == [
                (slug, "pilkada")
            ]
        assert Region.objects.filter(slug="belu").count() == 2
        assert Tag.objects.get(slug="sepi").outlet.slug in ("pos", "inews")
        assert Tag.objects.filter(pk=unused.pk).exists()
        # The login is linked to the byline of the same name, not given a second one.
        assert Author.objects.get(name_key="ana nenobais").user.username == "ana"
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
