"""Prepared readers' queries (articles/site/prepared.py) answer exactly as the querysets
they are written as, for every set of values they are called with."""

from datetime import date, datetime, timedelta

import pytest
from django.db.models import Count, Q
from django.db.models.signals import post_init
from django.utils import timezone

from articles.models import Article, ArticleStatus, Rubric
from articles.site.prepared import Prepared, UnpreparableQuery
from tests.factories import make_article, make_outlet, make_rubric

pytestmark = pytest.mark.django_db


def _published_of(outlet_id, now):
    return (
        Article.objects.published(now)
        .filter(outlet_id=outlet_id)
        .select_related("rubric")
        .annotate(credit_count=Count("credits"), hukum=Q(rubric__name="Hukum"))
        .order_by("-published_at", "-pk")
    )


def _fields(articles):
    return [
        (
            a.pk,
            a.title,
            a.published_at,
            a.rubric and a.rubric.name,
            a.credit_count,
            a.hukum,
        )
        for a in articles
    ]


def test_each_call_gives_what_the_queryset_gives_for_its_own_values():
    pos, blitar = make_outlet(slug="pos"), make_outlet(slug="blitar")
    hukum = make_rubric(pos, "Hukum")
    now = timezone.now()
    make_article(pos, title="Kemarin", rubric=hukum, published_at=now - timedelta(1))
    make_article(pos, title="Tadi", published_at=now - timedelta(hours=1))
    make_article(pos, title="Besok", published_at=now + timedelta(days=1))
    make_article(blitar, title="Blitar", published_at=now - timedelta(hours=2))
    prepared = Prepared(Article, _published_of, int, datetime)

    for outlet in (pos, blitar, pos):
        for moment in (now, now + timedelta(days=2), now - timedelta(days=3)):
            expected = _fields(_published_of(outlet.pk, moment))
            assert _fields(prepared(outlet.pk, moment)) == expected
    assert [a.title for a in prepared(pos.pk, now)] == ["Tadi", "Kemarin"]
    [yesterday] = prepared(pos.pk, now - timedelta(hours=12))
    assert yesterday.rubric.name == "Hukum" and yesterday.hukum is True
    assert yesterday.published_at.tzinfo is not None


def test_texts_days_and_lists_of_any_length():
    outlet = make_outlet(slug="pos")
    today = timezone.localdate()
    stories = [
        make_article(outlet, title=f"Kabar {n}", slug=f"kabar-{n}") for n in range(3)
    ]
    by_slug = Prepared(
        Article,
        lambda slug, day: Article.objects.filter(slug=slug, published_on__lte=day),
        str,
        date,
    )
    by_ids = Prepared(
        Article, lambda ids: Article.objects.filter(pk__in=ids).order_by("pk"), [int]
    )

    assert [a.title for a in by_slug("kabar-1", today)] == ["Kabar 1"]
    assert by_slug("kabar-1", today - timedelta(days=400)) == []
    assert by_slug("kabar-9", today) == []
    for chosen in ([], stories[:1], stories, stories[::2], stories[1:]):
        got = by_ids([a.pk for a in chosen])
        assert [a.pk for a in got] == sorted(a.pk for a in chosen)


def test_a_value_that_does_not_reach_the_sql_as_itself_is_refused():
    make_article(make_outlet(slug="pos"), title="Polisi")
    # `icontains` wraps the text in wildcards: the placeholder is not a parameter.
    folded = Prepared(
        Article, lambda text: Article.objects.filter(title__icontains=text), str
    )
    with pytest.raises(UnpreparableQuery):
        folded("polisi")


def test_instances_are_full_model_instances():
    outlet = make_outlet(slug="pos")
    story = make_article(outlet, title="Polisi", status=ArticleStatus.PUBLISHED)
    [read] = Prepared(
        Article, lambda pk: Article.objects.filter(pk=pk).only("title", "outlet"), int
    )(story.pk)
    assert read == story and read._state.db == "default" and not read._state.adding
    # Deferred fields load on demand, as with a queryset.
    assert read.slug == story.slug


def test_instances_are_built_as_django_builds_them():
    outlet = make_outlet(slug="pos")
    hukum = make_rubric(outlet, "Hukum")
    story = make_article(outlet, title="Polisi", rubric=hukum)
    plain = make_article(outlet, title="Tanpa rubrik")
    prepared = Prepared(
        Article,
        lambda ids: (
            Article.objects.filter(pk__in=ids)
            .select_related("rubric")
            .only("title", "outlet", "rubric__name")
            .order_by("pk")
        ),
        [int],
    )
    expected = list(
        Article.objects.filter(pk__in=[story.pk, plain.pk])
        .select_related("rubric")
        .only("title", "outlet", "rubric__name")
        .order_by("pk")
    )

    got = prepared([story.pk, plain.pk])
    for read, orm in zip(got, expected, strict=True):
        assert read.__dict__.keys() - {"_state"} == orm.__dict__.keys() - {"_state"}
        assert read.get_deferred_fields() == orm.get_deferred_fields()
        assert (read.pk, read.title, read.outlet_id) == (
            orm.pk,
            orm.title,
            orm.outlet_id,
        )
        assert read._state.db == "default" and not read._state.adding
    assert got[0].rubric.name == "Hukum" and got[0].rubric._state.db == "default"
    assert got[1].rubric is None
    # Saving a read instance updates its row, as with a queryset's.
    got[0].title = "Polisi Baru"
    got[0].save(update_fields=["title"])
    assert Article.objects.get(pk=story.pk).title == "Polisi Baru"


def test_a_model_with_an_init_receiver_is_built_through_django():
    outlet = make_outlet(slug="pos")
    hukum = make_rubric(outlet, "Hukum")
    make_article(outlet, title="Polisi", rubric=hukum)
    prepared = Prepared(
        Article,
        lambda pk: Article.objects.filter(outlet_id=pk).select_related("rubric"),
        int,
    )
    prepared(outlet.pk)  # compiled before the receiver exists
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(type(instance).__name__)

    post_init.connect(receiver, sender=Article)
    post_init.connect(receiver, sender=Rubric)
    try:
        prepared(outlet.pk)
    finally:
        post_init.disconnect(receiver, sender=Article)
        post_init.disconnect(receiver, sender=Rubric)
    assert sorted(seen) == ["Article", "Rubric"]


def test_a_slice_is_a_placeholder_too():
    outlet = make_outlet(slug="pos")
    now = timezone.now()
    for n in range(7):
        make_article(outlet, title=f"Kabar {n}", published_at=now - timedelta(hours=n))
    newest = Prepared(
        Article,
        lambda pk, now, offset, limit: Article.objects.published(now).filter(
            outlet_id=pk
        )[offset : offset + limit],
        int,
        datetime,
        int,
        int,
    )
    for offset, limit in ((0, 3), (3, 3), (6, 3), (7, 3), (2, 0), (0, 10)):
        titles = [a.title for a in newest(outlet.pk, now, offset, limit)]
        assert titles == [f"Kabar {n}" for n in range(7)][offset : offset + limit]


def test_a_present_moment_fixed_at_compile_time_is_refused():
    make_article(make_outlet(slug="pos"), title="Polisi")
    # `published()` reads the clock when the queryset is built: a prepared query would
    # keep that moment for good. It must be a placeholder.
    frozen = Prepared(
        Article, lambda pk: Article.objects.published().filter(outlet_id=pk), int
    )
    with pytest.raises(UnpreparableQuery, match="present moment"):
        frozen(1)
