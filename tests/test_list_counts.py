"""List counts kept by the database (ListCount, migration 0070): every way an article is
written keeps `published_count()` equal to counting the list, and the readers' outlet,
rubric and region pages take their page count from it instead of counting the archive."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import (
    Article,
    ArticleStatus,
    EditorRole,
    ListCount,
    Outlet,
    OutletStyle,
)
from articles.site import portal
from tests.factories import (
    make_article,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)
from tests.pages import parse, texts

pytestmark = pytest.mark.django_db

S = ArticleStatus


def _lists(outlet):
    """Every kept list of the outlet: the whole outlet, each rubric, each region."""
    return [
        {},
        *({"rubric": rubric} for rubric in outlet.rubrics.all()),
        *({"region": region} for region in outlet.regions.all()),
    ]


def counts(outlet, now=None) -> dict[str, int]:
    """published_count() of each of the outlet's lists, after checking that it equals
    counting the list, for every outlet in the database."""
    for each in Outlet.objects.all():
        for topic in _lists(each):
            counted = Article.objects.published(now).filter(outlet=each, **topic)
            kept = Article.objects.published_count(each, now=now, **topic)
            assert kept == counted.count(), (each.slug, topic)
            # The pages' own query, prepared, says the same.
            [(name, subject)] = topic.items() or [(None, None)]
            moment = now or timezone.now()
            assert portal.kept_count(each, name, subject, now=moment) == kept
    # Several outlets at once (the sitemaps'), in two queries.
    every = list(Outlet.objects.all())
    for outlets in (every, every[:1], []):
        counted = Article.objects.published(now).filter(outlet__in=outlets).count()
        assert Article.objects.published_total(outlets, now=now) == counted
    return {
        _name(topic): Article.objects.published_count(outlet, now=now, **topic)
        for topic in _lists(outlet)
    }


def _name(topic) -> str:
    return next(iter(topic.values())).name if topic else "outlet"


@pytest.fixture
def outlet():
    return make_outlet(slug="kabar-timor")


@pytest.fixture
def chief(outlet):
    return make_editor(outlet, EditorRole.CHIEF)


@pytest.fixture
def hukum(outlet):
    return make_rubric(outlet, "Hukum")


@pytest.fixture
def belu(outlet):
    return make_region(outlet, "Belu")


def test_a_draft_is_not_counted_and_publishing_it_counts_it_in_its_lists(
    outlet, chief, hukum, belu
):
    article = make_article(outlet, status=S.DRAFT, rubric=hukum, region=belu)
    assert counts(outlet) == {"outlet": 0, "Hukum": 0, "Belu": 0}

    workflow.submit(article, by=chief)
    assert counts(outlet) == {"outlet": 0, "Hukum": 0, "Belu": 0}
    workflow.publish(article, by=chief)

    assert counts(outlet) == {"outlet": 1, "Hukum": 1, "Belu": 1}


def test_a_scheduled_story_counts_from_its_time_with_no_write(outlet, chief, hukum):
    make_article(outlet, rubric=hukum)
    article = make_article(outlet, status=S.IN_REVIEW, rubric=hukum)
    at = timezone.now() + timedelta(hours=2)

    workflow.publish(article, by=chief, at=at)

    assert counts(outlet) == {"outlet": 1, "Hukum": 1}
    assert counts(outlet, now=at - timedelta(seconds=1)) == {"outlet": 1, "Hukum": 1}
    assert counts(outlet, now=at) == {"outlet": 2, "Hukum": 2}
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        assert counts(outlet) == {"outlet": 2, "Hukum": 2}


def test_unpublishing_and_retracting_take_a_story_off_its_lists(
    outlet, chief, hukum, belu
):
    live, scheduled, retracted = (
        make_article(outlet, status=S.IN_REVIEW, rubric=hukum, region=belu)
        for _ in range(3)
    )
    for article in (live, retracted):
        workflow.publish(article, by=chief)
    scheduled = workflow.publish(
        scheduled, by=chief, at=timezone.now() + timedelta(days=1)
    )
    assert counts(outlet) == {"outlet": 2, "Hukum": 2, "Belu": 2}

    workflow.unpublish(scheduled, by=chief)
    assert counts(outlet, now=timezone.now() + timedelta(days=2)) == {
        "outlet": 2,
        "Hukum": 2,
        "Belu": 2,
    }
    workflow.retract(retracted, by=chief, reason="Keliru.")
    assert counts(outlet) == {"outlet": 1, "Hukum": 1, "Belu": 1}
    workflow.unpublish(live, by=chief)
    assert counts(outlet) == {"outlet": 0, "Hukum": 0, "Belu": 0}


def test_a_story_moved_to_another_rubric_region_or_outlet_is_counted_there(
    outlet, hukum, belu
):
    politik, malaka = make_rubric(outlet, "Politik"), make_region(outlet, "Malaka")
    other = make_outlet(slug="lain")
    article = make_article(outlet, rubric=hukum, region=belu)
    make_article(outlet, rubric=hukum, region=belu, status=S.DRAFT)

    article.rubric, article.region = politik, malaka
    article.save()
    assert counts(outlet) == {
        "outlet": 1,
        "Hukum": 0,
        "Politik": 1,
        "Belu": 0,
        "Malaka": 1,
    }

    article.rubric = article.region = None
    article.save()
    assert counts(outlet) == {
        "outlet": 1,
        "Hukum": 0,
        "Politik": 0,
        "Belu": 0,
        "Malaka": 0,
    }

    Article.objects.filter(pk=article.pk).update(outlet=other)
    assert counts(outlet)["outlet"] == 0
    assert counts(other) == {"outlet": 1}


def test_deleting_stories_or_their_rubric_takes_them_off_the_counts(
    outlet, hukum, belu
):
    articles = [make_article(outlet, rubric=hukum, region=belu) for _ in range(4)]
    make_article(outlet, rubric=hukum, status=S.DRAFT).delete()

    articles[0].delete()
    Article.objects.filter(pk=articles[1].pk).delete()
    assert counts(outlet) == {"outlet": 2, "Hukum": 2, "Belu": 2}

    hukum.delete()
    assert counts(outlet) == {"outlet": 2, "Belu": 2}
    assert ListCount.objects.get(outlet=outlet, topic="rubric").published == 0


def test_bulk_inserts_and_queryset_updates_keep_the_counts(outlet, hukum, belu):
    now = timezone.now()
    # Two of every four published, one draft, one in review.
    statuses = [S.PUBLISHED, S.PUBLISHED, S.DRAFT, S.IN_REVIEW]
    Article.objects.bulk_create(
        Article(
            outlet=outlet,
            title=f"Massal {n}",
            slug=f"massal-{n}",
            body="<p>Isi.</p>",
            status=statuses[n % 4],
            rubric=hukum if n % 3 else None,
            region=belu if n % 2 else None,
            published_at=now - timedelta(minutes=n) if n % 4 < 2 else None,
        )
        for n in range(300)
    )
    assert counts(outlet) == {"outlet": 150, "Hukum": 100, "Belu": 75}

    Article.objects.filter(outlet=outlet, status=S.DRAFT).update(
        status=S.PUBLISHED, published_at=now + timedelta(hours=1)
    )
    assert counts(outlet) == {"outlet": 150, "Hukum": 100, "Belu": 75}
    assert counts(outlet, now=now + timedelta(hours=2)) == {
        "outlet": 225,
        "Hukum": 150,
        "Belu": 75,
    }

    Article.objects.filter(title__endswith="0").update(status=S.RETRACTED, region=belu)
    Article.objects.filter(title__endswith="2").update(region=belu)
    assert counts(outlet) == {"outlet": 135, "Hukum": 90, "Belu": 90}
    assert counts(outlet, now=now + timedelta(hours=2)) == {
        "outlet": 195,
        "Hukum": 130,
        "Belu": 105,
    }


def test_raw_sql_keeps_the_counts(outlet, hukum):
    articles = [make_article(outlet, rubric=hukum) for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET rubric_id = NULL WHERE id = %s",
            [articles[0].pk],
        )
        cursor.execute("DELETE FROM articles_article WHERE id = %s", [articles[1].pk])

    assert counts(outlet) == {"outlet": 2, "Hukum": 1}


def test_an_import_run_keeps_the_counts(tmp_path, fake_parse, settings):
    outlet = make_outlet(slug="pos-kupang", style=OutletStyle.POS_KUPANG)
    make_article(outlet)
    for n in range(45):
        (tmp_path / f"{n:02d}.txt").write_text(
            fake_parse.article_text(
                outlet="pos-kupang",
                title=f"Patroli malam {n}" if n % 9 else "",  # no headline: a draft
                published="2025-08-22",
                rubric=["Hukum", "Politik"][n % 2],
                region="Belu" if n % 3 else "",
                body=[f"Paragraf {n}."],
            ),
            encoding="utf-8",
        )

    out = io.StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=io.StringIO())

    assert "Imported: 45 created" in out.getvalue()
    assert counts(outlet) == {"outlet": 41, "Hukum": 20, "Politik": 20, "Belu": 30}


def test_published_count_is_for_whole_lists_only(outlet, hukum, belu):
    with pytest.raises(TypeError):
        Article.objects.filter(rubric=hukum).published_count(outlet)
    with pytest.raises(ValueError):
        Article.objects.published_count(outlet, rubric=hukum, region=belu)


def test_a_kept_lists_pages_are_slices_of_the_list(outlet, hukum, belu):
    now = timezone.now()
    for n in range(30):
        make_article(
            outlet,
            title=f"Kabar {n:02d}",
            rubric=hukum if n % 2 else None,
            region=belu if n % 3 else None,
            published_at=now - timedelta(hours=n + 1),
        )
    make_article(outlet, rubric=hukum, region=belu, published_at=now + timedelta(1))
    make_article(outlet, rubric=hukum, region=belu, status=S.DRAFT)
    make_article(make_outlet(slug="lain"), published_at=now - timedelta(minutes=5))

    for topic, subject in ((None, None), ("rubric", hukum), ("region", belu)):
        listed = Article.objects.published(now).filter(
            outlet=outlet, **({topic: subject} if topic else {})
        )
        expected = [article.title for article in listed]
        assert len(expected) >= 15
        for offset, limit in ((0, 20), (20, 20), (5, 3), (len(expected), 20), (0, 0)):
            window = portal.kept_window(
                outlet, topic, subject, now=now, offset=offset, limit=limit
            )
            titles = [article.title for article in window]
            assert titles == expected[offset : offset + limit], (topic, offset)
            assert all(a.outlet == outlet and a.credit_list == [] for a in window)
    # Later, the scheduled story is due and leads the lists.
    later = now + timedelta(days=2)
    [first] = portal.kept_window(outlet, "rubric", hukum, now=later, offset=0, limit=1)
    assert first.published_at > now


def _counts_the_archive(sql: list[str]) -> bool:
    count = 'SELECT COUNT(*) AS "__count" FROM "articles_article"'
    return any(query.startswith(count) for query in sql)


def test_list_pages_take_their_page_count_from_the_kept_counts(client, outlet):
    hukum, belu = make_rubric(outlet, "Hukum"), make_region(outlet, "Belu")
    now = timezone.now()
    for n in range(40):
        make_article(
            outlet,
            title=f"Kabar {n:02d}",
            rubric=hukum if n < 20 else None,
            region=belu if n >= 20 else None,
            published_at=now - timedelta(hours=n + 1),
        )
    # Counted by mistake, any of these would add a page to each list.
    make_article(
        outlet, rubric=hukum, region=belu, published_at=now + timedelta(hours=1)
    )
    make_article(outlet, rubric=hukum, region=belu, status=S.DRAFT)
    make_article(outlet, rubric=hukum, region=belu, status=S.RETRACTED)

    with CaptureQueriesContext(connection) as queries:
        home = parse(client.get("/kabar-timor/?page=2"))
    sql = [query["sql"] for query in queries.captured_queries]
    rubric = parse(client.get("/kabar-timor/rubrik/hukum/"))
    region = parse(client.get("/kabar-timor/wilayah/belu/"))

    assert not _counts_the_archive(sql)
    assert any('FROM "articles_listcount"' in query for query in sql)
    assert texts(home, "//nav[@class='pagination']//a[not(@rel)]") == ["1", "2"]
    assert len(home.xpath("//ol[@class='cards']/li")) == 20
    assert client.get("/kabar-timor/?page=3").status_code == 404
    for page in (rubric, region):
        assert len(page.xpath("//ol[@class='cards']/li")) == 20
        assert not page.xpath("//nav[@class='pagination']")
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        rubric = parse(client.get("/kabar-timor/rubrik/hukum/"))
    assert texts(rubric, "//nav[@class='pagination']//a[not(@rel)]") == ["1", "2"]


def test_tag_and_filtered_lists_are_still_counted(client, outlet):
    tag = make_tag(outlet, "Pilkada")
    for n in range(25):
        make_article(outlet, title=f"Kabar {n:02d}", tags=[tag])

    for path in (
        f"/kabar-timor/tag/{tag.slug}/",
        f"/kabar-timor/?page=2&date_from={timezone.now().date() - timedelta(days=2)}",
    ):
        with CaptureQueriesContext(connection) as queries:
            page = parse(client.get(path))
        assert _counts_the_archive([query["sql"] for query in queries.captured_queries])
        assert texts(page, "//nav[@class='pagination']//a[not(@rel)]") == ["1", "2"]


MIGRATION = ("articles", "0070_list_counts")


def _migrate(to):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([to])
    return executor.loader.project_state([to]).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_articles_already_there():
    graph = MigrationExecutor(connection).loader.graph
    before = next(
        p for p in graph.node_map[MIGRATION].parents if p.key[0] == "articles"
    )
    try:
        old = _migrate(before.key)
        Outlet_ = old.get_model("articles", "Outlet")
        Rubric_ = old.get_model("articles", "Rubric")
        Article_ = old.get_model("articles", "Article")
        outlet = Outlet_.objects.create(name="A", slug="a", brand_label="A")
        rubric = Rubric_.objects.create(outlet=outlet, name="Hukum", slug="hukum")
        now = timezone.now()
        for n, (status, published_at) in enumerate(
            [
                (S.PUBLISHED, now - timedelta(days=1)),
                (S.PUBLISHED, now - timedelta(days=2)),
                (S.PUBLISHED, now + timedelta(days=1)),
                (S.DRAFT, None),
                (S.RETRACTED, now - timedelta(days=3)),
            ]
        ):
            Article_.objects.create(
                outlet=outlet,
                rubric=rubric if n else None,
                title=f"Lama {n}",
                slug=f"lama-{n}",
                body="<p>x</p>",
                status=status,
                published_at=published_at,
            )

        _migrate(MIGRATION)

        outlet = Outlet.objects.get(slug="a")
        assert counts(outlet) == {"outlet": 2, "Hukum": 1}
        assert counts(outlet, now=now + timedelta(days=2)) == {"outlet": 3, "Hukum": 2}
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("articles")[0])
