"""Readers' queries compiled once per process and run with new values.

Building a queryset and compiling it to SQL costs Django more than the database takes to
answer a small indexed read (1,500–2,000 Python calls per query), and readers' pages ask
the same few questions with different values. A `Prepared` query is written as an
ordinary queryset (so the visibility rules stay in the model's querysets) by a function
of placeholders; it is compiled the first time each database alias asks for it, and each
call substitutes its values for the placeholders' parameters, runs the SQL and builds
model instances as Django's own iterable does (`from_db`, `select_related` objects,
annotations, converters).

A placeholder must reach the SQL as a parameter of its own (an exact or `in` lookup, a
subquery's value), never folded into the SQL text or into another value; the one
exception is an `int` placeholder that slices the queryset (`[offset:offset + limit]`),
whose LIMIT and OFFSET Django writes into the SQL text: they are made parameters again.
A list placeholder is compiled once for each length it is called with.

Instances are built without `Model.__init__` (a third of the time of a page's rows) when
nothing could tell: the model keeps Django's `__init__` and `from_db`, and no `pre_init`
or `post_init` receiver listens to it. Each loaded field is then set as `__init__` would
set it on a new instance.
"""

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import count

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.query import RelatedPopulator
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

# Values no real call gives: an id, a text, a day and a moment far outside any archive.
_ids = count(1)


def _int_sentinel(n):
    # Positive, as a slice's bounds must be, and far beyond any id or count.
    return 987_654_000_000 + n


def _str_sentinel(n):
    return f"\x00placeholder-{n}\x00"


def _date_sentinel(n):
    return date(1111, 1, 1) + timedelta(days=n)


def _datetime_sentinel(n):
    return datetime(1111, 1, 1, tzinfo=UTC) + timedelta(seconds=n)


_SENTINELS = {
    int: _int_sentinel,
    str: _str_sentinel,
    date: _date_sentinel,
    datetime: _datetime_sentinel,
}


class UnpreparableQuery(Exception):
    """The query's placeholders do not each reach the SQL as parameters."""


class Prepared:
    """`build(*placeholders)` → queryset, compiled once per database alias and shape.

    `kinds` gives each placeholder's type (`int`, `str`, `date`, `datetime`, or a
    one-element list such as `[int]` for a list of them). Calling the object with values
    of those types returns the queryset's model instances, as `list(queryset)` would.
    """

    def __init__(self, model, build, *kinds):
        self.model = model
        self.build = build
        self.kinds = kinds
        self._plans = {}

    def __call__(self, *values) -> list:
        alias = router.db_for_read(self.model)
        shape = tuple(
            len(v) if isinstance(k, list) else None
            for k, v in zip(self.kinds, values, strict=True)
        )
        plan = self._plans.get((alias, shape))
        if plan is None:
            plan = self._plans[alias, shape] = _Plan(self, alias, shape)
        return plan.run(values)


class _Plan:
    def __init__(self, prepared, alias, shape):
        connection = connections[alias]
        self.alias = alias
        # Each placeholder's sentinels, and how a value of its kind is given to the driver.
        sentinels = []
        for kind, length in zip(prepared.kinds, shape, strict=True):
            base = kind[0] if isinstance(kind, list) else kind
            make = _SENTINELS[base]
            if length is None:
                sentinels.append(make(next(_ids)))
            else:
                sentinels.append([make(next(_ids)) for _ in range(length)])
        self.adapters = [
            _adapter(connection, kind[0] if isinstance(kind, list) else kind)
            for kind in prepared.kinds
        ]
        queryset = prepared.build(*sentinels).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. an empty list of ids: no row, no query
            self.sql = None
            return
        self.sql, self.params = _limits_as_parameters(sql, list(params), sentinels)
        sql = self.sql
        # Where each placeholder's values go among the parameters.
        self.slots = []
        for index, sentinel in enumerate(sentinels):
            adapt = self.adapters[index]
            for position, value in enumerate(
                sentinel if isinstance(sentinel, list) else [sentinel]
            ):
                adapted = adapt(value)
                at = [i for i, p in enumerate(self.params) if p == adapted]
                if not at:
                    raise UnpreparableQuery(
                        f"placeholder {index} is not a parameter of {sql!r}"
                    )
                self.slots.append((index, position, at))
        placed = {i for _, _, at in self.slots for i in at}
        for i, value in enumerate(self.params):
            if i not in placed and _is_present_moment(value):
                # e.g. `published()` where `published(now)` was meant: the query would
                # keep the moment of its first call for the life of the process.
                raise UnpreparableQuery(
                    f"parameter {i} of {sql!r} is the present moment, fixed when the "
                    "query was compiled: make it a placeholder"
                )
        self.compiler = compiler
        select = compiler.select
        klass_info = compiler.klass_info
        self.annotations = list(compiler.annotation_col_map.items())
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.model = klass_info["model"]
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.populators = _populators(klass_info, select, alias)
        self.converters = compiler.get_converters(
            [s[0] for s in select[: compiler.col_count]]
        )

    def run(self, values) -> list:
        if self.sql is None:
            return []
        params = list(self.params)
        for index, position, at in self.slots:
            value = values[index]
            if isinstance(value, list | tuple):
                value = value[position]
            adapted = self.adapters[index](value)
            for i in at:
                params[i] = adapted
        with _cursor(connections[self.alias]) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        objects = []
        # Chosen on each run: a receiver connected since the query was compiled counts.
        build = _builder(self.model, self.alias, self.init_list)
        for populator in self.populators:
            populator.prime()
        start, end = self.start, self.end
        for row in rows:
            obj = build(row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, at in self.annotations:
                setattr(obj, name, row[at])
            objects.append(obj)
        return objects


_LIMITS = re.compile(r"\b(?:LIMIT|OFFSET) (\d+)")
_PARAMETER = re.compile(r"%%|%s")


def _limits_as_parameters(sql, params, sentinels):
    """`sql` with each LIMIT or OFFSET that is a placeholder's sentinel written as a
    parameter (`%s`, its value put among `params` in its place in the text)."""
    ints = {s for s in sentinels if isinstance(s, int)}
    parts, last = [], 0
    for match in _LIMITS.finditer(sql):
        value = int(match.group(1))
        if value not in ints:
            continue
        before = sql[: match.start(1)]
        # The parameters before it in the text, and the limits already made parameters.
        position = len(parts) + sum(p == "%s" for p in _PARAMETER.findall(before))
        params.insert(position, value)
        parts.append(sql[last : match.start(1)] + "%s")
        last = match.end(1)
    return "".join(parts) + sql[last:], params


def _builder(model, alias, init_list):
    """A function building an instance of `model` from a row's values of `init_list`."""
    if (
        model.from_db.__func__ is not Model.from_db.__func__
        or model.__init__ is not Model.__init__
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return lambda values: model.from_db(alias, init_list, values)
    names = tuple(init_list)
    new = object.__new__

    def build(values):
        # What `Model.__init__` leaves on an instance whose other fields are deferred:
        # its state, and each loaded field's value under its attname (the descriptors
        # of a new instance's fields, ForeignKey and FileField included, store nothing
        # else).
        obj = new(model)
        state = ModelState()
        state.adding = False
        state.db = alias
        fields = obj.__dict__
        fields["_state"] = state
        fields.update(zip(names, values, strict=True))
        return obj

    return build


def _populators(klass_info, select, alias):
    return [
        _Populator(info, select, alias)
        for info in klass_info.get("related_klass_infos", [])
    ]


class _Populator(RelatedPopulator):
    """Django's `select_related` populator, building its instances as `_builder` does."""

    def __init__(self, klass_info, select, alias):
        super().__init__(klass_info, select, alias)
        self.related_populators = _populators(klass_info, select, alias)
        self.alias = alias

    def prime(self):
        """Choose the builders for a run (`_Plan.run` calls it before populating)."""
        self.build = _builder(self.model_cls, self.alias, self.init_list)
        for related in self.related_populators:
            related.prime()

    def populate(self, row, from_obj):
        if self.reorder_for_init:
            values = self.reorder_for_init(row)
        else:
            values = row[self.cols_start : self.cols_end]
        if values[self.pk_idx] is None:
            obj = None
        else:
            obj = self.build(values)
            for related in self.related_populators:
                related.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def _cursor(connection):
    """A cursor for prepared queries: on PostgreSQL, one that binds parameters on the
    server and prepares the statement, so each process's connection plans a query once
    (planning the article page's query took as long as running it). Django's own cursors
    bind on the client, for connection poolers; a pooler in front of PostgreSQL must keep
    a server connection per client connection (session pooling) or track prepared
    statements (PgBouncer 1.21's `max_prepared_statements`)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's preparing off; these cursors ask for it by name
        # (`prepare=True`), and Django's client-binding cursors never prepare.
        connection.connection.prepare_threshold = PREPARE_NEVER_BY_COUNT
    with connection.wrap_database_errors:
        cursor = _preparing_cursor()(connection.connection)
    connection.validate_thread_sharing()
    if connection.queries_logged:
        return _LoggedCursor(cursor, connection)
    return connection.make_cursor(cursor)


class _LoggedCursor(CursorDebugWrapper):
    """Logs a prepared statement's SQL with its values, as Django's own cursors do (a
    prepared statement's text sent to the server has neither)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


# No statement is prepared for having been run often, only those asked for.
PREPARE_NEVER_BY_COUNT = 2**31


@cache
def _preparing_cursor():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparingCursor


def _is_present_moment(value) -> bool:
    """Whether a parameter is a moment within a day of now (as a datetime, or as the
    text SQLite is given)."""
    if isinstance(value, str) and _MOMENT_TEXT.match(value):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return False
    if not isinstance(value, datetime):
        return False
    now = timezone.now()
    if timezone.is_naive(value):
        now = timezone.make_naive(now, UTC)
    return abs(value - now) < timedelta(days=1)


_MOMENT_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _adapter(connection, kind):
    ops = connection.ops
    if kind is datetime:
        return ops.adapt_datetimefield_value
    if kind is date:
        return ops.adapt_datefield_value
    return lambda value: value
