"""Bulk inserts for the import, without the ORM's per-row query compiling.

`bulk_create` compiles every value of every row through several layers of field and
compiler methods, then has the database driver quote the lot: for an article's 30-odd
columns that was the largest part of an import's CPU. `insert` checks related objects
and writes the same values (each field's `pre_save`, then `get_db_prep_save`) as
`bulk_create` does, and skips only the steps that cannot change a value: fields of the
plain kinds below whose values are already what the database stores. Every concrete
column is written, so a field added to a model is written too, prepared the ORM's way
until it is listed here.

PostgreSQL gets the rows by COPY, with ids drawn from the table's sequence first (COPY
returns nothing); while the rows stream in, the server computes the search vectors of
the first ones as this process formats the next. SQLite gets one prepared INSERT per row
(its `lastrowid` is the id), which its C module runs faster than a compiled multi-row
INSERT is built. Other databases, and models without an automatic id, get `bulk_create`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter

from django.db import connections, models, router, transaction
from django.utils import timezone

# Field kinds whose `get_db_prep_save` stores str, int, bool and None values as they are
# (exact classes: a subclass, such as the sanitised body, may clean its value).
_PLAIN = {
    models.CharField,
    models.SlugField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.AutoField,
    models.BigAutoField,
}
# On PostgreSQL dates go to the driver as they are too, and aware datetimes (`_reader`).
_PLAIN_ON_POSTGRESQL = {models.DateField}


def insert(objs: Sequence[models.Model]) -> None:
    """Insert unsaved instances of one model and set their ids, as `bulk_create` would."""
    if not objs:
        return
    model = type(objs[0])
    opts = model._meta
    connection = connections[router.db_for_write(model)]
    # The ids come from the table's own sequence or rowid: an automatic primary key.
    if connection.vendor not in ("postgresql", "sqlite") or opts.auto_field is None:
        model._default_manager.bulk_create(objs)
        return
    relations = [field for field in opts.concrete_fields if field.is_relation]
    for obj in objs:
        _check_relations(obj, relations)
    plain, prepared = [], []
    for field in opts.concrete_fields:
        if field.primary_key or field.generated:
            continue
        if _is_plain(field, connection.vendor):
            plain.append(field)
        else:
            prepared.append(field)
    columns = [connection.ops.quote_name(field.column) for field in (*plain, *prepared)]
    rows = _rows(objs, plain, [_reader(field, connection) for field in prepared])
    with transaction.atomic(using=connection.alias, savepoint=False):
        if connection.vendor == "postgresql":
            ids = _copy(connection, opts, columns, rows, len(objs))
        else:
            ids = _insert_each(connection, opts.db_table, columns, rows, len(objs))
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _check_relations(obj: models.Model, relations: list[models.Field]) -> None:
    """Refuse an unsaved related object, or take the id of one saved after it was
    assigned, as `bulk_create` does; its check runs only when one of these is the case."""
    for field in relations:
        related = field.get_cached_value(obj, None)
        if related is not None and (
            getattr(obj, field.attname) is None or related.pk is None
        ):
            obj._prepare_related_fields_for_save(operation_name="bulk_create")
            return


def _is_plain(field: models.Field, vendor: str) -> bool:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False  # set by pre_save
    if type(field) is models.ForeignKey:
        return _is_plain(field.target_field, vendor)
    kind = type(field)
    return kind in _PLAIN or (vendor == "postgresql" and kind in _PLAIN_ON_POSTGRESQL)


def _reader(field: models.Field, connection) -> Callable[[models.Model], object]:
    """How one object's value of a field that is not plain is read for its row."""
    if connection.vendor == "postgresql" and type(field) is models.DateTimeField:

        def moment(obj):
            # An aware datetime (or None) goes to the driver as it is; a naive one gets
            # the ORM's default time zone (and its warning).
            value = field.pre_save(obj, True)
            if value is None or timezone.is_aware(value):
                return value
            return field.get_db_prep_save(value, connection)

        return moment

    def prepared(obj):
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return prepared


def _rows(objs, plain, readers) -> Iterator[tuple]:
    """Each object's values, made as they are sent (a slow field overlaps with COPY)."""
    get_plain = attrgetter(*(field.attname for field in plain)) if plain else None
    for obj in objs:
        values = () if get_plain is None else get_plain(obj)
        if len(plain) == 1:
            values = (values,)
        yield (*values, *(read(obj) for read in readers))


def _copy(connection, opts, columns: list[str], rows, count: int) -> list[int]:
    table = connection.ops.quote_name(opts.db_table)
    with connection.cursor() as cursor:
        # The ids come first, in order, so the rows keep the order bulk_create gives them.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [table, opts.pk.column, count],
        )
        ids = sorted(pk for (pk,) in cursor.fetchall())
        pk = connection.ops.quote_name(opts.pk.column)
        sql = f"COPY {table} ({pk}, {', '.join(columns)}) FROM STDIN"
        with (
            _logged(cursor, sql, count),
            connection.wrap_database_errors,
            cursor.cursor.copy(sql) as copy,
        ):
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row((pk_value, *row))
    return ids


def _insert_each(connection, table: str, columns: list[str], rows, count) -> list[int]:
    sql = (
        f"INSERT INTO {connection.ops.quote_name(table)} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    ids = []
    with connection.cursor() as cursor:
        # The sqlite3 cursor itself: "?" placeholders, no rewriting per row.
        raw = cursor.cursor
        with _logged(cursor, sql, count), connection.wrap_database_errors:
            for row in rows:
                raw.execute(sql, row)
                ids.append(raw.lastrowid)
    return ids


def _logged(cursor, sql: str, count: int):
    """Record the statement where Django records queries (tests, debug), once per batch."""
    if hasattr(cursor, "debug_sql"):
        return cursor.debug_sql(f"{count} rows: {sql}")
    return contextlib.nullcontext()
