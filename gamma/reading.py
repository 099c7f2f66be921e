"""Reading one movement with everything it holds, in six statements compiled once per process.

``services.prefetched`` is the read every page of a draft, the validation, the messages and the
printed copy start from. Through ``prefetch_related`` each of its six queries cost about a
millisecond of Python to build and compile, most of a validation's time. Here Django compiles
each query once (for a sentinel id, on each database alias), then every read executes the same
SQL with the movement's id and builds the instances with ``Model.from_db``, as the ORM does. The
instances come out as ``prefetch_related`` leaves them: the consignor cached on the movement, each
child list cached on its relation (``movement.lines.all()`` reads no row), each child's parent
cached on it; a further ``.filter()`` on a relation still queries the database, restricted to
that movement as usual."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet

from gamma.models import LinePackage, Movement, MovementDocument, MovementLine, MovementTrader, TransportDetail

_SENTINEL = -7_012_345_678  # an id no row has: the one parameter of each compiled query


@dataclass(frozen=True)
class _Compiled:
    sql: str
    model: type[Model]
    columns: tuple[str, ...]  # attnames, in the order of the row
    compiler: object  # its converters turn the database's values into Python's, as the ORM does
    converters: dict

    def rows(self, cursor, pk: int) -> list[tuple]:
        cursor.execute(self.sql, [pk])
        rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows


def _compile(queryset: QuerySet, alias: str) -> tuple[str, object]:
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    if list(params) != [_SENTINEL]:  # the read must take the movement's id as its only parameter
        raise AssertionError(f"Unexpected parameters {params!r} for {queryset.model.__name__}.")
    return sql, compiler


def _compiled(queryset: QuerySet, alias: str) -> _Compiled:
    sql, compiler = _compile(queryset, alias)
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return _Compiled(
        sql,
        queryset.model,
        tuple(field.attname for field in queryset.model._meta.concrete_fields),
        compiler,
        converters,
    )


# Child relation of the movement → how it is read, in the order the former prefetches used.
_CHILDREN = {
    "traders": lambda: MovementTrader.objects.filter(movement_id=_SENTINEL).order_by("id"),
    "documents": lambda: MovementDocument.objects.filter(movement_id=_SENTINEL).order_by("position", "id"),
    "lines": lambda: MovementLine.objects.filter(movement_id=_SENTINEL).order_by("body_record_unique_reference"),
    "transport_details": lambda: TransportDetail.objects.filter(movement_id=_SENTINEL).order_by("position", "id"),
}
_PACKAGES = lambda: LinePackage.objects.filter(line__movement_id=_SENTINEL).order_by("line_id", "position", "id")  # noqa: E731


@dataclass(frozen=True)
class _Plan:
    movement: _Compiled
    movement_slice: tuple[int, ...]  # where each of the movement's columns is in the row
    consignor_slice: tuple[int, ...]
    children: dict[str, _Compiled]
    packages: _Compiled


_CONSIGNOR = Movement._meta.get_field("consignor")
_MOVEMENT_COLUMNS = tuple(field.attname for field in Movement._meta.concrete_fields)
_CONSIGNOR_COLUMNS = tuple(field.attname for field in _CONSIGNOR.related_model._meta.concrete_fields)


def _plan(alias: str) -> _Plan:
    """The compiled reads, kept on the thread's connection (its converters are that connection's)."""
    connection = connections[alias]
    plan = getattr(connection, "_gamma_reading_plan", None)
    if plan is None:
        movement = _compiled(Movement.objects.select_related("consignor").filter(pk=_SENTINEL), alias)
        klass_info = movement.compiler.klass_info
        (consignor_info,) = klass_info["related_klass_infos"]
        if len(klass_info["select_fields"]) != len(_MOVEMENT_COLUMNS) or len(consignor_info["select_fields"]) != len(
            _CONSIGNOR_COLUMNS
        ):
            raise AssertionError("The movement's read does not select every column of the movement and its consignor.")
        plan = _Plan(
            movement=movement,
            movement_slice=tuple(klass_info["select_fields"]),
            consignor_slice=tuple(consignor_info["select_fields"]),
            children={name: _compiled(build(), alias) for name, build in _CHILDREN.items()},
            packages=_compiled(_PACKAGES(), alias),
        )
        connection._gamma_reading_plan = plan
    return plan


def _instances(cursor, compiled: _Compiled, pk: int, alias: str) -> list[Model]:
    model, columns = compiled.model, compiled.columns
    return [model.from_db(alias, columns, row) for row in compiled.rows(cursor, pk)]


def _cache_children(parent: Model, relation: str, children: list[Model]) -> None:
    """What ``prefetch_related`` leaves: the list on the parent's relation, the parent on each child."""
    manager = getattr(parent, relation)
    queryset = manager.get_queryset()  # restricted to the parent, for any further .filter()
    queryset._result_cache = children
    queryset._prefetch_done = True
    if not hasattr(parent, "_prefetched_objects_cache"):
        parent._prefetched_objects_cache = {}
    parent._prefetched_objects_cache[manager.field.remote_field.cache_name] = queryset
    for child in children:
        manager.field.set_cached_value(child, parent)


def movement_with_children(pk: int, *, alias: str = "default") -> Movement:
    """The movement ``pk`` with its consignor, traders, documents, lines with their packages and
    transport units (``Movement.DoesNotExist`` when there is none)."""
    plan = _plan(alias)
    with connections[alias].cursor() as cursor:
        found = plan.movement.rows(cursor, pk)
        if not found:
            raise Movement.DoesNotExist("Movement matching query does not exist.")
        (row,) = found
        movement = Movement.from_db(alias, _MOVEMENT_COLUMNS, [row[i] for i in plan.movement_slice])
        children = {name: _instances(cursor, compiled, pk, alias) for name, compiled in plan.children.items()}
        packages = _instances(cursor, plan.packages, pk, alias)

    consignor = None
    if movement.consignor_id is not None:
        consignor = _CONSIGNOR.related_model.from_db(alias, _CONSIGNOR_COLUMNS, [row[i] for i in plan.consignor_slice])
    _CONSIGNOR.set_cached_value(movement, consignor)

    for name, rows in children.items():
        _cache_children(movement, name, rows)
    by_line: dict[int, list[LinePackage]] = {line.pk: [] for line in children["lines"]}
    for package in packages:
        by_line[package.line_id].append(package)
    for line in children["lines"]:
        _cache_children(line, "packages", by_line[line.pk])
    return movement
