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
subquery's value), never folded into the SQL text or into another value. A list
placeholder is compiled once for each length it is called with.
"""

from datetime import UTC, date, datetime, timedelta
from itertools import count

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models.query import get_related_populators

# Values no real call gives: an id, a text, a day and a moment far outside any archive.
_ids = count(1)


def _int_sentinel(n):
    return -987_654_000 - n


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
        self.sql = sql
        self.params = list(params)
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
        self.compiler = compiler
        select = compiler.select
        klass_info = compiler.klass_info
        self.annotations = list(compiler.annotation_col_map.items())
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.model = klass_info["model"]
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, alias)
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
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        objects = []
        from_db = self.model.from_db
        start, end = self.start, self.end
        for row in rows:
            obj = from_db(self.alias, self.init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, at in self.annotations:
                setattr(obj, name, row[at])
            objects.append(obj)
        return objects


def _adapter(connection, kind):
    ops = connection.ops
    if kind is datetime:
        return ops.adapt_datetimefield_value
    if kind is date:
        return ops.adapt_datefield_value
    return lambda value: value
