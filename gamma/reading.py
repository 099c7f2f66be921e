"""Reading one movement with everything it holds, in six statements compiled once per process.

``services.prefetched`` is the read every page of a draft, the validation, the messages and the
printed copy start from. Through ``prefetch_related`` each of its six queries cost about a
millisecond of Python to build and compile, most of a validation's time. Here Django compiles
each query once per connection (``prodouane.compiled``), then every read executes the same SQL
with the movement's id and builds the instances with ``Model.from_db``, as the ORM does. The
instances come out as ``prefetch_related`` leaves them: the consignor cached on the movement, each
child list cached on its relation (``movement.lines.all()`` reads no row), each child's parent
cached on it; a further ``.filter()`` on a relation still queries the database, restricted to
that movement as usual."""

from __future__ import annotations

from django.db import connections
from django.db.models import Model

from gamma.models import LinePackage, Movement, MovementDocument, MovementLine, MovementTrader, TransportDetail
from prodouane.compiled import CompiledQuery

_CONSIGNOR = Movement._meta.get_field("consignor")
_MOVEMENT_COLUMNS = tuple(field.attname for field in Movement._meta.concrete_fields)
_CONSIGNOR_COLUMNS = tuple(field.attname for field in _CONSIGNOR.related_model._meta.concrete_fields)

_MOVEMENT = CompiledQuery(lambda pk: Movement.objects.select_related("consignor").filter(pk=pk), pk=int)
# Locked for the transaction (PostgreSQL's FOR UPDATE; SQLite locks the whole database on write).
_MOVEMENT_LOCKED = CompiledQuery(
    lambda pk: Movement.objects.select_related("consignor").select_for_update(of=("self",)).filter(pk=pk), pk=int
)
# Child relation of the movement → how it is read, each child ordered by its own columns.
_CHILDREN = {
    "traders": CompiledQuery(lambda pk: MovementTrader.objects.filter(movement_id=pk).order_by("id"), pk=int),
    "documents": CompiledQuery(
        lambda pk: MovementDocument.objects.filter(movement_id=pk).order_by("position", "id"), pk=int
    ),
    "lines": CompiledQuery(
        lambda pk: MovementLine.objects.filter(movement_id=pk).order_by("body_record_unique_reference"), pk=int
    ),
    "transport_details": CompiledQuery(
        lambda pk: TransportDetail.objects.filter(movement_id=pk).order_by("position", "id"), pk=int
    ),
}
_PACKAGES = CompiledQuery(
    lambda pk: LinePackage.objects.filter(line__movement_id=pk).order_by("line_id", "position", "id"), pk=int
)


def _slices(query: CompiledQuery, alias: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the movement's and the consignor's columns are in the row of ``query``."""
    klass_info = query.compiled(alias).compiler.klass_info
    (consignor_info,) = klass_info["related_klass_infos"]
    movement, consignor = tuple(klass_info["select_fields"]), tuple(consignor_info["select_fields"])
    if len(movement) != len(_MOVEMENT_COLUMNS) or len(consignor) != len(_CONSIGNOR_COLUMNS):
        raise AssertionError("The movement's read does not select every column of the movement and its consignor.")
    return movement, consignor


def _instances(cursor, query: CompiledQuery, pk: int, alias: str) -> list[Model]:
    model = query.compiled(alias).compiler.query.model
    columns = tuple(field.attname for field in model._meta.concrete_fields)
    return [model.from_db(alias, columns, row) for row in query.rows(cursor=cursor, alias=alias, pk=pk)]


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


def movement_with_children(pk: int, *, for_update: bool = False, alias: str = "default") -> Movement:
    """The movement ``pk`` with its consignor, traders, documents, lines with their packages and
    transport units (``Movement.DoesNotExist`` when there is none); ``for_update``: its row locked
    until the end of the transaction, which must be open."""
    query = _MOVEMENT_LOCKED if for_update else _MOVEMENT
    if for_update and not connections[alias].in_atomic_block:
        raise RuntimeError("A movement is read for update inside a transaction (transaction.atomic).")
    movement_slice, consignor_slice = _slices(query, alias)
    with connections[alias].cursor() as cursor:
        found = query.rows(cursor=cursor, alias=alias, pk=pk)
        if not found:
            raise Movement.DoesNotExist("Movement matching query does not exist.")
        (row,) = found
        movement = Movement.from_db(alias, _MOVEMENT_COLUMNS, [row[i] for i in movement_slice])
        children = {name: _instances(cursor, child, pk, alias) for name, child in _CHILDREN.items()}
        packages = _instances(cursor, _PACKAGES, pk, alias)

    consignor = None
    if movement.consignor_id is not None:
        consignor = _CONSIGNOR.related_model.from_db(alias, _CONSIGNOR_COLUMNS, [row[i] for i in consignor_slice])
    _CONSIGNOR.set_cached_value(movement, consignor)

    for name, rows in children.items():
        _cache_children(movement, name, rows)
    by_line: dict[int, list[LinePackage]] = {line.pk: [] for line in children["lines"]}
    for package in packages:
        by_line[package.line_id].append(package)
    for line in children["lines"]:
        _cache_children(line, "packages", by_line[line.pk])
    return movement
